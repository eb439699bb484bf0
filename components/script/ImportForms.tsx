import {
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
} from "@/components/FormFields.tsx";
import { useHref } from "@/components/production_path.ts";
import type {
  ImportFields,
  ImportIntent,
  PostedImport,
  ScriptImportModel,
} from "./import_model.ts";

/** Each form's fields, in order, as the error summary names them. */
const LABELS = {
  create: { title: "Title", source: "Fountain text" },
  draft: { scriptId: "Script", source: "Fountain text" },
};

const ACCEPT = ".fountain,.spmd,.txt,text/plain";
const PLACEHOLDER = "INT. KITCHEN - DAY\n\nMARGIT\nIt's always late.";
const NO_ERRORS: FieldErrors = {};

/** What `form` holds for an import: the file, the text, title, script. */
function fieldsOf(form: HTMLFormElement): ImportFields {
  const value = (name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement | null)?.value;
  return {
    file: (form.elements.namedItem("file") as HTMLInputElement | null)
      ?.files?.[0] ?? null,
    source: value("source") ?? "",
    title: value("title"),
    scriptId: value("scriptId"),
  };
}

/** The submit handler of one form: imports, then empties it on success. */
function onSubmit(model: ScriptImportModel, intent: ImportIntent) {
  return async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    if (await model.submit(intent, fieldsOf(form))) form.reset();
  };
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

/** What every import form gets. */
interface FormProps {
  model: ScriptImportModel;
  posted: PostedImport | null;
  /** The island is live: the file picker shows. */
  mounted: boolean;
}

const errorsOf = (model: ScriptImportModel, intent: ImportIntent) =>
  model.outcome.value[intent]?.errors ?? NO_ERRORS;

/** The success note, below the form's button row. */
function Success(
  { model, intent }: { model: ScriptImportModel; intent: ImportIntent },
) {
  const o = model.outcome.value[intent];
  const href = useHref();
  return o?.ok
    ? (
      <p class="notice" role="status">
        {o.text} {o.href && <a href={href(o.href)}>Open the script</a>}
        {o.rippleHref && (
          <>
            {" · "}
            <a href={href(o.rippleHref)}>Review the script changes</a>
          </>
        )}
      </p>
    )
    : null;
}

/** A refusal, at the top of the form: per field, or as one message. */
function Refusal(
  { model, intent }: { model: ScriptImportModel; intent: ImportIntent },
) {
  const o = model.outcome.value[intent];
  const errors = errorsOf(model, intent);
  const named = Object.keys(errors).some((n) => n in LABELS[intent]);
  return (
    <ErrorSummary
      prefix={intent}
      errors={errors}
      labels={LABELS[intent]}
      message={o && !o.ok && !named ? o.text : null}
    />
  );
}

/** The form that imports a new script. */
export function CreateForm({ model, posted, mounted }: FormProps) {
  const errors = errorsOf(model, "create");
  const fields = fieldErrors("create", errors, ["title", "source"]);
  const href = useHref();
  return (
    <form
      method="post"
      action={href("/script")}
      class="script-import-form"
      aria-label="Import a script"
      onSubmit={onSubmit(model, "create")}
    >
      <input type="hidden" name="intent" value="create" />
      <Refusal model={model} intent="create" />
      <label class="field">
        <span>Title</span>
        <input
          type="text"
          name="title"
          maxLength={200}
          defaultValue={posted?.intent === "create" ? posted.title : ""}
          placeholder="From the title page when left empty"
          {...fields.field("title")}
        />
        {fields.error("title")}
      </label>
      <SourceFields
        id="create"
        posted={posted?.intent === "create" ? posted.source : ""}
        mounted={mounted}
        errors={errors}
      />
      <Success model={model} intent="create" />
      <button
        type="submit"
        class="button button-primary"
        disabled={model.busy.value !== null}
      >
        {model.busy.value === "create" ? "Importing…" : "Import script"}
      </button>
    </form>
  );
}

/**
 * The form that imports a new draft: of `draftFor` (the script view), or
 * of the script chosen in it (the library).
 */
export function DraftForm(
  { model, posted, mounted, draftFor }: FormProps & {
    draftFor?: { id: string; title: string };
  },
) {
  const errors = errorsOf(model, "draft");
  const href = useHref();
  return (
    <form
      method="post"
      action={href("/script")}
      class="script-import-form"
      aria-label={draftFor
        ? `New draft of ${draftFor.title}`
        : "New draft of a script"}
      onSubmit={onSubmit(model, "draft")}
    >
      <input type="hidden" name="intent" value="draft" />
      <Refusal model={model} intent="draft" />
      {draftFor
        ? <input type="hidden" name="scriptId" value={draftFor.id} />
        : (
          <label class="field">
            <span>Script</span>
            <select
              name="scriptId"
              required
              {...fieldErrors("draft", errors, ["scriptId"]).field("scriptId")}
            >
              {model.scripts.value.map((s) => (
                <option
                  value={s.id}
                  selected={posted?.intent === "draft" &&
                    posted.scriptId === s.id}
                >
                  {s.title} (draft {s.currentVersion})
                </option>
              ))}
            </select>
            {fieldErrors("draft", errors).error("scriptId")}
          </label>
        )}
      <SourceFields
        id="draft"
        posted={posted?.intent === "draft" ? posted.source : ""}
        mounted={mounted}
        errors={errors}
      />
      <p class="field-hint">
        Scenes are matched with the current draft; breakdowns carry over and
        changed scenes are marked.
      </p>
      <Success model={model} intent="draft" />
      <button
        type="submit"
        class="button"
        disabled={model.busy.value !== null}
      >
        {model.busy.value === "draft" ? "Importing…" : "Import new draft"}
      </button>
    </form>
  );
}
