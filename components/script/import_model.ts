/**
 * The script library's state and actions as a signal model: the scripts
 * (live: an import anyone makes appears at once), and the import of a new
 * script or a new draft from a file or pasted Fountain text, with each
 * form's outcome. The world is injected, so tests run it without a DOM.
 *
 * @module
 */
import { createModel, signal } from "@preact/signals";
import { ApiFailure } from "@/components/api.ts";
import { type FieldErrors, issueErrors } from "@/components/FormFields.tsx";
import { followRealtime, modelFlash, type World } from "@/components/world.ts";
import type { EventFrame } from "@/realtime/protocol.ts";
import { MAX_SOURCE_BYTES } from "@/lib/script/shared.ts";
import type { Script } from "@/lib/script/shared.ts";
import { scriptFailureText, upsertScript } from "./model.ts";

/** Which form: a new script, or a new draft of one. */
export type ImportIntent = "create" | "draft";

/** A form the page rendered after a post without JavaScript. */
export interface PostedImport {
  intent: ImportIntent;
  title: string;
  source: string;
  scriptId: string;
  message: string;
  /** Messages per field, when the refusal names fields. */
  errors?: FieldErrors;
}

/** How a form's last import went. */
export interface ImportOutcome {
  ok: boolean;
  text: string;
  href?: string;
  /** The script-changes view, when the draft flagged records for review. */
  rippleHref?: string;
  /** Messages per field of a refusal. */
  errors?: FieldErrors;
}

/** What the page gives the library. */
export interface ImportInit {
  initial: Script[];
  posted: PostedImport | null;
  /** Only the new-draft form of this script (the script view): no live list. */
  draftFor?: { id: string; title: string };
}

/** A chosen file, as much of a `File` as the import reads. */
export type SourceFile = Pick<File, "name" | "size" | "text">;

/** What a submitted form holds. */
export interface ImportFields {
  /** The chosen file; it wins over the pasted text. */
  file?: SourceFile | null;
  /** The pasted Fountain text. */
  source: string;
  /** The title field (new script). */
  title?: string;
  /** The chosen script (new draft, unless `draftFor`). */
  scriptId?: string;
}

interface ScriptDetailBody {
  script: Script;
  version: { number: number; sceneCount: number; warnings: string[] };
  /** A new draft's ripple (lib/ripple): records flagged for review. */
  ripple?: { flags: number };
}

const FLASH_MS = 1_500;

/** The Fountain text of a form: the chosen file, else the pasted text. */
async function readSource(fields: ImportFields): Promise<string> {
  const file = fields.file;
  if (!file) return fields.source;
  if (file.size > MAX_SOURCE_BYTES) {
    throw new ApiFailure(413, {
      code: "payload_too_large",
      message: `${file.name} is larger than 2 MiB`,
    });
  }
  return await file.text();
}

/** The note after an import: scenes, and parser warnings if any. */
export function importedText(
  intent: ImportIntent,
  { script, version, ripple }: ScriptDetailBody,
): string {
  const warnings = version.warnings.length > 0
    ? ` ${version.warnings.length} parser warning${
      version.warnings.length === 1 ? "" : "s"
    }: see the script view.`
    : "";
  const flagged = ripple?.flags
    ? ` ${ripple.flags} record${
      ripple.flags === 1
        ? " built on a changed scene is"
        : "s built on changed scenes are"
    } flagged for review.`
    : "";
  return `${
    intent === "create" ? "Imported" : `Draft ${version.number} of`
  } “${script.title}”${
    intent === "create" ? "" : " imported"
  }: ${version.sceneCount} scene${
    version.sceneCount === 1 ? "" : "s"
  }.${warnings}${flagged}`;
}

/** A refusal of the posted form, as the page rendered it. */
function postedOutcome(
  posted: PostedImport | null,
  intent: ImportIntent,
): ImportOutcome | null {
  return posted?.intent === intent
    ? { ok: false, text: posted.message, errors: posted.errors }
    : null;
}

/** The script library: `new ImportModel(world, init)`. */
export const ImportModel = createModel(
  (world: World, init: ImportInit) => {
    const { send } = world;
    const scripts = signal(init.initial);
    const busy = signal<ImportIntent | null>(null);
    const outcome = signal<Record<ImportIntent, ImportOutcome | null>>({
      create: postedOutcome(init.posted, "create"),
      draft: postedOutcome(init.posted, "draft"),
    });
    const flash = modelFlash(world, FLASH_MS);
    const settle = (intent: ImportIntent, result: ImportOutcome | null) => {
      outcome.value = { ...outcome.value, [intent]: result };
    };

    const apply = (event: EventFrame<"script_update">) => {
      if (event.data.action !== "imported") return;
      scripts.value = upsertScript(scripts.value, event.data.script);
      flash.flash(event.data.script.id);
    };

    const reload = async () => {
      scripts.value = await send<Script[]>("GET", "/api/scripts");
    };

    /** Imports what a form holds; true when it went in (reset the form). */
    const submit = async (intent: ImportIntent, fields: ImportFields) => {
      if (busy.value) return false;
      busy.value = intent;
      settle(intent, null);
      try {
        const source = await readSource(fields);
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
          const title = (fields.title ?? "").trim();
          detail = await send<ScriptDetailBody>(
            "POST",
            "/api/scripts",
            title === "" ? { source } : { title, source },
          );
        } else {
          const id = init.draftFor?.id ?? fields.scriptId ?? "";
          detail = await send<ScriptDetailBody>(
            "POST",
            `/api/scripts/${encodeURIComponent(id)}/versions`,
            { source },
          );
        }
        scripts.value = upsertScript(scripts.value, detail.script);
        flash.flash(detail.script.id);
        settle(intent, {
          ok: true,
          text: importedText(intent, detail),
          href: `/script/${detail.script.id}`,
          ...(detail.ripple?.flags
            ? {
              rippleHref:
                `/ripple?script=${detail.script.id}&draft=${detail.version.number}`,
            }
            : {}),
        });
        return true;
      } catch (failure) {
        const f = failure as ApiFailure;
        settle(intent, {
          ok: false,
          text: scriptFailureText(failure, "The script could not be imported"),
          errors: f.error?.code === "validation"
            ? issueErrors(f.error.details)
            : {},
        });
        return false;
      } finally {
        busy.value = null;
      }
    };

    // The draft page imports into one script: no live list there.
    if (!init.draftFor) {
      followRealtime(world, ["script_update"], apply, reload);
    }

    return {
      scripts,
      busy,
      outcome,
      flashing: flash.flashing,
      apply,
      reload,
      submit,
    };
  },
);

/** A script library model. */
export type ScriptImportModel = InstanceType<typeof ImportModel>;
