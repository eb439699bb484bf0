import { useModel } from "@preact/signals";
import { EmptyState } from "@/components/EmptyState.tsx";
import {
  ImportModel,
  type PostedImport,
} from "@/components/script/import_model.ts";
import { CreateForm, DraftForm } from "@/components/script/ImportForms.tsx";
import { ScriptTable } from "@/components/script/ScriptTable.tsx";
import { browserWorld } from "@/components/world.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { DEFAULT_TIME_ZONE } from "@/lib/format.ts";
import type { Script } from "@/lib/script/shared.ts";

export type { PostedImport };

/**
 * The script library, live (a script someone imports appears at once), and
 * for writers the forms that import a new script or a new draft: a
 * .fountain / .txt file read in the browser, or pasted text; without
 * JavaScript the same forms post to the page. With `draftFor` only the
 * new-draft form of that script is shown (the script view). The state and
 * actions are {@linkcode ImportModel}'s.
 */
export default function ScriptImport(props: {
  initial: Script[];
  canWrite: boolean;
  posted: PostedImport | null;
  draftFor?: { id: string; title: string };
  /** The production's time zone, for the list's "updated" times. */
  timeZone?: string;
}) {
  const model = useModel(() => new ImportModel(browserWorld(), props));
  const mounted = useHydrated();
  const { draftFor, posted } = props;
  const scripts = model.scripts.value;
  const forms = { model, posted, mounted };

  if (draftFor) {
    return (
      <details class="card script-draft-card" open={posted !== null}>
        <summary>New draft</summary>
        <DraftForm {...forms} draftFor={draftFor} />
      </details>
    );
  }

  return (
    <div class="script-library">
      <section aria-labelledby="scripts-title" class="script-list">
        <h2 id="scripts-title" class="visually-hidden">Scripts</h2>
        {scripts.length === 0
          ? (
            <EmptyState title="No scripts yet">
              {props.canWrite
                ? "Import a screenplay in Fountain format to start the breakdown."
                : "Scripts appear here once the production office imports one."}
            </EmptyState>
          )
          : (
            <ScriptTable
              scripts={scripts}
              timeZone={props.timeZone ?? DEFAULT_TIME_ZONE}
              flashing={model.flashing.value}
            />
          )}
      </section>
      {props.canWrite && (
        <div class="card-grid script-forms">
          <section class="card" aria-labelledby="import-title">
            <h2 id="import-title">Import a script</h2>
            <CreateForm {...forms} />
          </section>
          {scripts.length > 0 && (
            <section class="card" aria-labelledby="draft-title">
              <h2 id="draft-title">New draft</h2>
              <DraftForm {...forms} />
            </section>
          )}
        </div>
      )}
    </div>
  );
}
