import { useSignal } from "@preact/signals";
import { EmptyState } from "@/components/EmptyState.tsx";
import { ApiFailure } from "@/components/api.ts";
import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  issueErrors,
} from "@/components/FormFields.tsx";
import { failureText, send, upsertScript } from "@/components/script/model.ts";
import { ScriptTable } from "@/components/script/ScriptTable.tsx";
import { useFlash } from "@/components/use_flash.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { DEFAULT_TIME_ZONE } from "@/lib/format.ts";
import type { Script } from "@/lib/script/schemas.ts";
import { MAX_SOURCE_BYTES } from "@/lib/script/shared.ts";

/** A form the page rendered after a post without JavaScript. */
export interface PostedImport {
  intent: "create" | "draft";
  title: string;
  source: string;
  scriptId: string;
  message: string;
  /** Messages per field, when the refusal names fields. */
  errors?: FieldErrors;
}

interface Outcome {
  ok: boolean;
  text: string;
  href?: string;
  /** Messages per field of a refusal. */
  errors?: FieldErrors;
}

/** Each form's fields, in order, as the error summary names them. */
const LABELS = {
  create: { title: "Title", source: "Fountain text" },
  draft: { scriptId: "Script", source: "Fountain text" },
};

const FLASH_MS = 1_500;
const ACCEPT = ".fountain,.spmd,.txt,text/plain";
const PLACEHOLDER = "INT. KITCHEN - DAY\n\nMARGIT\nIt's always late.";

interface ScriptDetailBody {
  script: Script;
  version: { number: number; sceneCount: number; warnings: string[] };
}

/** The Fountain text of a form: the chosen file, else the pasted text. */
async function readSource(form: HTMLFormElement): Promise<string> {
  const file = (form.elements.namedItem("file") as HTMLInputElement | null)
    ?.files?.[0];
  if (file) {
    if (file.size > MAX_SOURCE_BYTES) {
      throw {
        status: 413,
        error: {
          code: "payload_too_large",
          message: `${file.name} is larger than 2 MiB`,
        },
      };
    }
    return await file.text();
  }
  return (form.elements.namedItem("source") as HTMLTextAreaElement).value;
}

/** Source fields: a file picker (with JavaScript) or pasted Fountain text. */
function SourceFields(
  { id, posted, mounted, errors }: {
    id: string;
    posted: string;
    mounted: boolean;
    errors: FieldErrors;
  },
) {
  const { field, error } = fieldErrors(id, errors, ["source"]);
  return (
    <>
      {mounted && (
        <label class="field">
          <span>Fountain or text file</span>
          <input
            id={`${id}-file`}
            type="file"
            name="file"
            accept={ACCEPT}
          />
          <span class="field-hint">
            A .fountain or .txt export of the screenplay, up to 2 MiB.
          </span>
        </label>
      )}
      <label class="field">
        <span>{mounted ? "…or paste the Fountain text" : "Fountain text"}</span>
        <textarea
          name="source"
          rows={8}
          class="script-source"
          defaultValue={posted}
          placeholder={PLACEHOLDER}
          {...field("source")}
        />
        {error("source")}
      </label>
    </>
  );
}

/**
 * The script library, live (a script someone imports appears at once), and
 * for writers the forms that import a new script or a new draft: a
 * .fountain / .txt file read in the browser, or pasted text; without
 * JavaScript the same forms post to the page. With `draftFor` only the
 * new-draft form of that script is shown (the script view).
 */
export default function ScriptImport(props: {
  initial: Script[];
  canWrite: boolean;
  posted: PostedImport | null;
  draftFor?: { id: string; title: string };
  /** The production's time zone, for the list's "updated" times. */
  timeZone?: string;
}) {
  const scripts = useSignal(props.initial);
  const { flashing, flash } = useFlash(FLASH_MS);
  const mounted = useHydrated();
  const busy = useSignal<"create" | "draft" | null>(null);
  const outcome = useSignal<Record<string, Outcome | null>>({
    create: props.posted?.intent === "create"
      ? { ok: false, text: props.posted.message, errors: props.posted.errors }
      : null,
    draft: props.posted?.intent === "draft"
      ? { ok: false, text: props.posted.message, errors: props.posted.errors }
      : null,
  });
  const { draftFor, posted } = props;

  // The draft page imports into one script: no live list there.
  useRealtime(draftFor ? null : "script_update", (event) => {
    if (event.data.action !== "imported") return;
    scripts.value = upsertScript(scripts.value, event.data.script);
    flash(event.data.script.id);
  }, async () => {
    scripts.value = await send<Script[]>("GET", "/api/scripts");
  });

  async function submit(e: Event, intent: "create" | "draft") {
    e.preventDefault();
    if (busy.value) return;
    const form = e.currentTarget as HTMLFormElement;
    busy.value = intent;
    outcome.value = { ...outcome.value, [intent]: null };
    try {
      const source = await readSource(form);
      if (source.trim() === "") {
        // Every field the browser can check; the server checks again.
        throw new ApiFailure(400, {
          code: "validation",
          message: "Check the highlighted field.",
          details: [{
            path: ["source"],
            message: "Choose a file or paste the Fountain text",
          }],
        });
      }
      let detail: ScriptDetailBody;
      if (intent === "create") {
        const title = (form.elements.namedItem("title") as HTMLInputElement)
          .value.trim();
        detail = await send<ScriptDetailBody>(
          "POST",
          "/api/scripts",
          title === "" ? { source } : { title, source },
        );
      } else {
        const id = draftFor?.id ??
          (form.elements.namedItem("scriptId") as HTMLSelectElement).value;
        detail = await send<ScriptDetailBody>(
          "POST",
          `/api/scripts/${encodeURIComponent(id)}/versions`,
          { source },
        );
      }
      const { script, version } = detail;
      scripts.value = upsertScript(scripts.value, script);
      flash(script.id);
      form.reset();
      const warnings = version.warnings.length > 0
        ? ` ${version.warnings.length} parser warning${
          version.warnings.length === 1 ? "" : "s"
        }: see the script view.`
        : "";
      outcome.value = {
        ...outcome.value,
        [intent]: {
          ok: true,
          text: `${
            intent === "create" ? "Imported" : `Draft ${version.number} of`
          } “${script.title}”${
            intent === "create" ? "" : " imported"
          }: ${version.sceneCount} scene${
            version.sceneCount === 1 ? "" : "s"
          }.${warnings}`,
          href: `/script/${script.id}`,
        },
      };
    } catch (failure) {
      const f = failure as ApiFailure;
      const errors = f.error?.code === "validation"
        ? issueErrors(f.error.details)
        : {};
      outcome.value = {
        ...outcome.value,
        [intent]: {
          ok: false,
          text: failureText(failure, "The script could not be imported"),
          errors,
        },
      };
    } finally {
      busy.value = null;
    }
  }

  const NO_ERRORS: FieldErrors = {};
  const errorsOf = (intent: "create" | "draft") =>
    outcome.value[intent]?.errors ?? NO_ERRORS;
  /** The success note, below the form's button row. */
  const message = (intent: "create" | "draft") => {
    const o = outcome.value[intent];
    return o?.ok
      ? (
        <p class="notice" role="status">
          {o.text} {o.href && <a href={o.href}>Open the script</a>}
        </p>
      )
      : null;
  };
  /** A refusal, at the top of the form: per field, or as one message. */
  const refusal = (intent: "create" | "draft") => {
    const o = outcome.value[intent];
    const errors = errorsOf(intent);
    const named = Object.keys(errors).some((n) => n in LABELS[intent]);
    return (
      <ErrorSummary
        prefix={intent}
        errors={errors}
        labels={LABELS[intent]}
        message={o && !o.ok && !named ? o.text : null}
      />
    );
  };

  const createFields = fieldErrors("create", errorsOf("create"), [
    "title",
    "source",
  ]);
  const draftForm = (
    <form
      method="post"
      action="/script"
      class="script-import-form"
      aria-label={draftFor
        ? `New draft of ${draftFor.title}`
        : "New draft of a script"}
      onSubmit={(e) => submit(e, "draft")}
    >
      <input type="hidden" name="intent" value="draft" />
      {refusal("draft")}
      {draftFor
        ? <input type="hidden" name="scriptId" value={draftFor.id} />
        : (
          <label class="field">
            <span>Script</span>
            <select
              name="scriptId"
              required
              {...fieldErrors("draft", errorsOf("draft"), ["scriptId"]).field(
                "scriptId",
              )}
            >
              {scripts.value.map((s) => (
                <option
                  value={s.id}
                  selected={posted?.intent === "draft" &&
                    posted.scriptId === s.id}
                >
                  {s.title} (draft {s.currentVersion})
                </option>
              ))}
            </select>
            {fieldErrors("draft", errorsOf("draft")).error("scriptId")}
          </label>
        )}
      <SourceFields
        id="draft"
        posted={posted?.intent === "draft" ? posted.source : ""}
        mounted={mounted}
        errors={errorsOf("draft")}
      />
      <p class="field-hint">
        Scenes are matched with the current draft; breakdowns carry over and
        changed scenes are marked.
      </p>
      {message("draft")}
      <button
        type="submit"
        class="button"
        disabled={busy.value !== null}
      >
        {busy.value === "draft" ? "Importing…" : "Import new draft"}
      </button>
    </form>
  );

  if (draftFor) {
    return (
      <details class="card script-draft-card" open={posted !== null}>
        <summary>New draft</summary>
        {draftForm}
      </details>
    );
  }

  return (
    <div class="script-library">
      <section aria-labelledby="scripts-title" class="script-list">
        <h2 id="scripts-title" class="visually-hidden">Scripts</h2>
        {scripts.value.length === 0
          ? (
            <EmptyState title="No scripts yet">
              {props.canWrite
                ? "Import a screenplay in Fountain format to start the breakdown."
                : "Scripts appear here once the production office imports one."}
            </EmptyState>
          )
          : (
            <ScriptTable
              scripts={scripts.value}
              timeZone={props.timeZone ?? DEFAULT_TIME_ZONE}
              flashing={flashing.value}
            />
          )}
      </section>
      {props.canWrite && (
        <div class="card-grid script-forms">
          <section class="card" aria-labelledby="import-title">
            <h2 id="import-title">Import a script</h2>
            <form
              method="post"
              action="/script"
              class="script-import-form"
              aria-label="Import a script"
              onSubmit={(e) => submit(e, "create")}
            >
              <input type="hidden" name="intent" value="create" />
              {refusal("create")}
              <label class="field">
                <span>Title</span>
                <input
                  type="text"
                  name="title"
                  maxLength={200}
                  defaultValue={posted?.intent === "create" ? posted.title : ""}
                  placeholder="From the title page when left empty"
                  {...createFields.field("title")}
                />
                {createFields.error("title")}
              </label>
              <SourceFields
                id="create"
                posted={posted?.intent === "create" ? posted.source : ""}
                mounted={mounted}
                errors={errorsOf("create")}
              />
              {message("create")}
              <button
                type="submit"
                class="button button-primary"
                disabled={busy.value !== null}
              >
                {busy.value === "create" ? "Importing…" : "Import script"}
              </button>
            </form>
          </section>
          {scripts.value.length > 0 && (
            <section class="card" aria-labelledby="draft-title">
              <h2 id="draft-title">New draft</h2>
              {draftForm}
            </section>
          )}
        </div>
      )}
    </div>
  );
}
