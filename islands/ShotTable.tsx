import { useSignal } from "@preact/signals";
import { EmptyState } from "@/components/EmptyState.tsx";
import { type ApiFailure, failureText, send } from "@/components/api.ts";
import { useEditDialog } from "@/components/edit_dialog.ts";
import { useFlash } from "@/components/use_flash.ts";
import { useFlaggedIds } from "@/components/ripple/use_flagged_ids.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import {
  applyShot,
  describeUpdate,
  fieldErrors,
  matchesFilters,
  type Person,
  type ShotFilters,
} from "@/components/vfx/model.ts";
import {
  checkNewShot,
  NEW_SHOT_FIELDS,
  NewShotDialog,
  type NewShotValues,
} from "@/components/vfx/NewShotDialog.tsx";
import { ShotList } from "@/components/vfx/ShotList.tsx";
import { STATUS_LABELS } from "@/lib/vfx/shared.ts";
import type { SceneRef } from "@/lib/vfx/shared.ts";
import type { Shot } from "@/lib/vfx/shared.ts";
import { useHref } from "@/components/production_path.ts";

const FLASH_MS = 1_500;

/**
 * The live shot table: every `vfx_update` changes, adds or drops its row
 * (by the filters in the URL) with a brief highlight; the VFX team creates
 * shots in a dialog whose server-side errors show per field.
 */
export default function ShotTable(props: {
  initial: Shot[];
  /** Display names by user id (every user, for the assignee column). */
  names: Record<string, string>;
  /** Scenes of the scripts' current drafts by key, for the scene column. */
  scenes: Record<string, SceneRef>;
  /** Who a shot may be assigned to (active VFX readers). */
  people: Person[];
  /** Vendors of every shot, for the dialog's suggestions. */
  vendors: string[];
  currency: string;
  filters: ShotFilters;
  /** Shots in all, before the filters. */
  total: number;
  canCreate: boolean;
  /** Shots with open script-change flags (lib/ripple). */
  flagged: string[];
  /** Shots new or changed since the viewer last looked (lib/last_seen). */
  seen?: Record<string, "new" | "changed">;
}) {
  const shots = useSignal(props.initial);
  const flagged = useFlaggedIds("shot", props.flagged);
  const href = useHref();
  const { flashing, flash } = useFlash(FLASH_MS);
  const notice = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const announcement = useSignal("");
  const dialog = useEditDialog<Shot>();
  const hydrated = useHydrated();
  const total = useSignal(props.total);
  const { filters, currency } = props;

  useRealtime("vfx_update", (event) => {
    const { shot } = event.data;
    if (event.data.action === "shot_created") total.value += 1;
    const shown = shots.value.some((s) => s.id === shot.id);
    shots.value = applyShot(shots.value, shot, filters);
    if (shown || matchesFilters(shot, filters)) {
      flash(shot.id);
      announcement.value = describeUpdate(
        event.data,
        (s) => STATUS_LABELS[s],
      );
    }
  }, async () => {
    try {
      const all = await send<Shot[]>("GET", "/api/vfx/shots");
      total.value = all.length;
      shots.value = all.filter((s) => matchesFilters(s, filters));
    } catch {
      error.value = "The shots could not be reloaded. Refresh the page.";
    }
  });

  async function create(values: NewShotValues) {
    if (!dialog.state.value) return;
    // Every field the browser can check, at once (NewShotDialog.tsx).
    const { errors, bidCents } = checkNewShot(values, currency);
    if (Object.keys(errors).length > 0) {
      showErrors(errors);
      return;
    }
    const frame = (text: string) => text.trim() === "" ? null : Number(text);
    dialog.begin();
    try {
      const shot = await send<Shot>("POST", "/api/vfx/shots", {
        code: values.code.trim(),
        description: values.description.trim(),
        frameIn: frame(values.frameIn),
        frameOut: frame(values.frameOut),
        vendor: values.vendor.trim(),
        bidCents,
        assigneeId: values.assigneeId || null,
      });
      dialog.close();
      shots.value = applyShot(shots.value, shot, filters);
      flash(shot.id);
      notice.value = matchesFilters(shot, filters)
        ? `Created ${shot.code}.`
        : `Created ${shot.code}; the filters hide it.`;
      announcement.value = notice.value;
    } catch (failure) {
      const f = failure as ApiFailure;
      const errors = f.error?.code === "validation"
        ? fieldErrors(f.error.details, { bidCents: "bid" })
        : {};
      const field = (f.error?.details as { field?: string } | undefined)
        ?.field;
      if (f.status === 409 && field === "code") {
        errors.code = f.error?.message ?? "This code is taken";
      }
      showErrors(
        errors,
        Object.keys(errors).length > 0
          ? undefined
          : failureText(failure, "Could not create the shot"),
      );
    }
  }

  function showErrors(errors: Record<string, string>, message?: string) {
    const text = message ?? (errors.form ?? "Check the highlighted fields.");
    dialog.fail({ errors, message: text });
    announcement.value = text;
    const first = NEW_SHOT_FIELDS.find((name) => errors[name]);
    if (first) {
      setTimeout(() => document.getElementById(`shot-${first}`)?.focus());
    }
  }

  const list = shots.value;
  const filtered = Object.values(filters).some((v) => v);
  const open = dialog.state.value;

  return (
    <section class="card shot-card" aria-labelledby="shots-title">
      <div class="visually-hidden" role="status" aria-live="polite">
        {announcement.value}
      </div>
      <div class="card-head">
        <div>
          <h2 id="shots-title">Shots</h2>
          <p class="muted card-sub" data-count={list.length}>
            {filtered
              ? `${list.length} of ${total.value} shots match the filters`
              : list.length === 1
              ? "1 shot"
              : `${list.length} shots`} · bids in {currency}
          </p>
        </div>
        {props.canCreate && hydrated && (
          <button
            type="button"
            class="button button-primary"
            onClick={() => {
              notice.value = null;
              dialog.open(null);
            }}
          >
            New shot
          </button>
        )}
      </div>
      {notice.value && <p class="notice" role="status">{notice.value}</p>}
      {error.value && <p class="form-error" role="alert">{error.value}</p>}
      {list.length === 0
        ? (
          <EmptyState
            title={filtered ? "No shots match these filters" : "No shots yet"}
          >
            {filtered
              ? <a href={href("/vfx")}>Show every shot</a>
              : props.canCreate
              ? <p>Create the first shot of the breakdown.</p>
              : <p>The VFX team adds shots as the breakdown grows.</p>}
          </EmptyState>
        )
        : (
          <ShotList
            shots={list}
            names={props.names}
            scenes={props.scenes}
            currency={currency}
            flashing={flashing.value}
            flagged={flagged.value}
            seen={props.seen}
          />
        )}
      {open && (
        <NewShotDialog
          people={props.people}
          vendors={props.vendors}
          currency={currency}
          status={open}
          onSubmit={create}
          onClose={dialog.close}
        />
      )}
    </section>
  );
}
