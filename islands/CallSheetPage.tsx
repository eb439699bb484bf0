import { useSignal } from "@preact/signals";
import { ApiFailure, failureText, send } from "@/components/api.ts";
import { EmptyState } from "@/components/EmptyState.tsx";
import { ConfirmReceipt } from "@/components/callsheets/ConfirmReceipt.tsx";
import { Confirmations } from "@/components/callsheets/Confirmations.tsx";
import { SheetEditForm } from "@/components/callsheets/SheetEditForm.tsx";
import { SheetView } from "@/components/callsheets/SheetView.tsx";
import {
  eventEffect,
  withConfirmation,
} from "@/components/callsheets/model.ts";
import { useHref } from "@/components/production_path.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import {
  CALL_SHEET_STATE_LABELS,
  type CallSheetUpdateData,
  type CallSheetView,
  type Confirmation,
} from "@/lib/callsheets/shared.ts";

/**
 * One call sheet, live: laid out for print, edited in place by the
 * production office (publish, refresh from the schedule, delete a draft),
 * confirmed by the members it calls; management watches the receipts
 * arrive. Every change by someone else reloads it.
 */
export default function CallSheetPage(
  { initial, members, me }: {
    initial: CallSheetView;
    /** Active members the office may call. */
    members: { id: string; name: string }[];
    me: string;
  },
) {
  const view = useSignal(initial);
  const editing = useSignal(false);
  const busy = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const gone = useSignal(false);
  const said = useSignal("");
  const href = useHref();
  const url = `/api/callsheets/${initial.sheet.id}`;

  const reload = async () => {
    try {
      view.value = await send<CallSheetView>("GET", url);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 404) {
        gone.value = true;
      } else error.value = failureText(failure, "Could not reload the sheet");
    }
  };
  useRealtime("callsheet_update", (event) => {
    const data = event.data as unknown as CallSheetUpdateData;
    const effect = eventEffect(data, view.value.sheet.id);
    if (effect === "confirmed" && data.action === "confirmed") {
      view.value = withConfirmation(view.value, data, me);
      if (data.confirmation.userId !== me) {
        said.value = `${data.confirmation.name} confirmed receipt`;
      }
    } else if (effect === "gone") gone.value = true;
    else if (effect === "reload" && data.action !== "confirmed") {
      if (data.version !== view.value.sheet.version) {
        said.value = "The call sheet changed";
      }
      void reload();
    }
  }, reload);

  const act = async (name: string, run: () => Promise<void>) => {
    busy.value = name;
    error.value = null;
    try {
      await run();
    } catch (failure) {
      error.value = failureText(failure, `Could not ${name} the call sheet`);
      void reload();
    } finally {
      busy.value = null;
    }
  };
  const post = (what: string) =>
    act(what, async () => {
      view.value = await send<CallSheetView>("POST", `${url}/${what}`, {
        version: view.value.sheet.version,
      });
      said.value = what === "publish"
        ? "Published: everyone called has it in their inbox"
        : "Refreshed from the schedule";
    });
  const confirm = () =>
    act("confirm", async () => {
      const c = await send<Confirmation>("POST", `${url}/confirm`, {});
      view.value = withConfirmation(view.value, {
        action: "confirmed",
        id: view.value.sheet.id,
        day: view.value.sheet.day,
        revision: view.value.sheet.revision,
        confirmation: c,
      }, me);
    });
  const remove = () =>
    act("delete", async () => {
      await send("DELETE", url, undefined, view.value.sheet.version);
      location.assign(href("/callsheets"));
    });

  if (gone.value) {
    return (
      <EmptyState title="This call sheet is no longer here for you">
        <p>
          It was deleted, or it no longer calls you.{" "}
          <a href={href("/callsheets")}>See your call sheets</a>
        </p>
      </EmptyState>
    );
  }
  const v = view.value;
  const draft = v.sheet.status === "draft";
  return (
    <div class="callsheet-page">
      <div class="cs-toolbar no-print" role="group" aria-label="Call sheet">
        <span class={`cs-state cs-state-${v.state}`}>
          {CALL_SHEET_STATE_LABELS[v.state]}
          {v.sheet.revision > 1 && ` · revision ${v.sheet.revision}`}
        </span>
        <button type="button" class="button" onClick={() => globalThis.print()}>
          Print / Save as PDF
        </button>
        {v.canEdit && !editing.value && (
          <>
            <button
              type="button"
              class="button"
              onClick={() => editing.value = true}
            >
              Edit
            </button>
            <button
              type="button"
              class="button"
              disabled={busy.value !== null}
              onClick={() => post("refresh")}
            >
              Refresh from schedule
            </button>
          </>
        )}
        {v.canPublish && draft && !editing.value && (
          <button
            type="button"
            class="button button-primary"
            disabled={busy.value !== null}
            onClick={() => post("publish")}
          >
            {busy.value === "publish" ? "Publishing…" : "Publish"}
          </button>
        )}
        {v.canEdit && draft && !editing.value && (
          busy.value === "ask-delete"
            ? (
              <button type="button" class="button cs-danger" onClick={remove}>
                Delete this draft for good
              </button>
            )
            : (
              <button
                type="button"
                class="button button-quiet"
                disabled={busy.value !== null}
                onClick={() => busy.value = "ask-delete"}
              >
                Delete draft
              </button>
            )
        )}
      </div>
      {error.value && (
        <p class="form-error no-print" role="alert">{error.value}</p>
      )}
      <p class="visually-hidden" aria-live="polite">{said.value}</p>
      {v.canEdit && !draft && !editing.value && (
        <p class="muted no-print">
          Published{v.sheet.revision > 1 ? " and revised" : ""}: an edit makes a
          new revision, and everyone called confirms it again.
        </p>
      )}
      <ConfirmReceipt
        view={v}
        busy={busy.value === "confirm"}
        onConfirm={confirm}
      />
      <Confirmations view={v} />
      {editing.value
        ? (
          <SheetEditForm
            view={v}
            members={members}
            onSaved={(next) => {
              view.value = next;
              editing.value = false;
              said.value = "Call sheet saved";
            }}
            onCancel={() => editing.value = false}
          />
        )
        : <SheetView view={v} />}
      {
        // Printing while editing prints the sheet as saved.
        editing.value && (
          <div class="cs-print-only">
            <SheetView view={v} />
          </div>
        )
      }
    </div>
  );
}
