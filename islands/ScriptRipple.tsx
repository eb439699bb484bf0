import { useSignal } from "@preact/signals";
import { failureText, send } from "@/components/api.ts";
import { FlagCard } from "@/components/ripple/FlagCard.tsx";
import {
  byKind,
  type DraftFocus,
  type FlagFilter,
  initialFilter,
  mineCount,
  shownDrafts,
  withFlag,
} from "@/components/ripple/model.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import type { RecordType } from "@/lib/records/shared.ts";
import {
  draftSummary,
  FLAGGED_KIND_PLURALS,
  type FlagView,
  type Resolution,
  type RippleView,
} from "@/lib/ripple/shared.ts";

/**
 * The ripple of every draft: per draft a summary line and the flags the
 * viewer may see, grouped by kind of record; owners resolve theirs. Live:
 * a new draft's flags and everyone's resolutions arrive as they happen.
 */
export default function ScriptRipple(
  { initial, focus }: { initial: RippleView; focus: DraftFocus | null },
) {
  const view = useSignal(initial);
  const filter = useSignal<FlagFilter>(initialFilter(initial));
  const busy = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const reload = async () => {
    try {
      view.value = await send<RippleView>("GET", "/api/ripple");
    } catch (failure) {
      error.value = failureText(failure, "Could not reload the flags");
    }
  };
  useRealtime("ripple_update", () => void reload(), reload);

  const resolve = async (
    flag: FlagView,
    resolution: Resolution,
    note: string,
  ) => {
    busy.value = flag.id;
    error.value = null;
    try {
      const next = await send<FlagView>(
        "POST",
        `/api/ripple/flags/${flag.id}`,
        { resolution, note },
      );
      view.value = withFlag(view.value, next);
    } catch (failure) {
      error.value = failureText(failure, "Could not resolve the flag");
      void reload();
    } finally {
      busy.value = null;
    }
  };

  const drafts = shownDrafts(view.value, filter.value, focus);
  return (
    <div class="ripple-view">
      <div class="ripple-toolbar" role="group" aria-label="Show">
        {(["mine", "open", "all"] as const).map((f) => (
          <button
            key={f}
            type="button"
            class={`button${filter.value === f ? " button-primary" : ""}`}
            aria-pressed={filter.value === f}
            onClick={() => filter.value = f}
          >
            {f === "mine"
              ? `Mine to review (${mineCount(view.value)})`
              : f === "open"
              ? `Open (${view.value.open})`
              : "All flags"}
          </button>
        ))}
      </div>
      {error.value && <p class="form-error" role="alert">{error.value}</p>}
      {drafts.length === 0 && (
        <p class="empty-state">
          {filter.value === "mine"
            ? "Nothing for you to review: no open flag is on your work."
            : filter.value === "open"
            ? "No open flags: every script change has been reviewed."
            : "No draft has changed a scene that anything depends on yet."}
        </p>
      )}
      {drafts.map((d) => {
        const focused = focus?.scriptId === d.scriptId &&
          focus.draft === d.draft;
        return (
          <section
            key={`${d.scriptId}-${d.draft}`}
            class={`card ripple-draft${focused ? " is-focused" : ""}`}
            aria-labelledby={`draft-${d.scriptId}-${d.draft}`}
          >
            <h2 id={`draft-${d.scriptId}-${d.draft}`}>
              {d.scriptTitle} — draft {d.draft}
            </h2>
            <p class="ripple-summary" aria-live="polite">{draftSummary(d)}</p>
            {byKind(d.flags).map(([kind, flags]) => (
              <div key={kind} class="ripple-group">
                <h3>{capitalised(FLAGGED_KIND_PLURALS[kind as RecordType])}</h3>
                <ul class="flag-list">
                  {flags.map((flag) => (
                    <FlagCard
                      key={flag.id}
                      flag={flag}
                      busy={busy.value === flag.id}
                      onResolve={(r, note) => void resolve(flag, r, note)}
                    />
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
