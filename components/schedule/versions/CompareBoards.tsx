import { type Signal, useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { ApiFailure, failureText, send } from "@/components/api.ts";
import { EmptyState } from "@/components/EmptyState.tsx";
import { useRealtime } from "@/components/use_realtime.ts";
import type {
  BoardComparison,
  ScheduleUpdateData,
  ScheduleVersionMeta,
} from "@/lib/schedule/shared.ts";
import { BoardOptions } from "./BoardOptions.tsx";
import { dayText, stillThere } from "./model.ts";

// Several board edits in a row ask for one fresh comparison.
const COALESCE_MS = 200;

/**
 * Compare two boards (the working one or saved versions): the scenes on
 * another day in B than in A. A comparison with the working board follows
 * it live; one with a version that is deleted goes away with it. The form
 * also works as a plain GET (`?a=&b=`) before the page is interactive.
 */
export function CompareBoards(
  { versions, pair, initial }: {
    versions: readonly ScheduleVersionMeta[];
    /** The boards picked, as `working` or version ids. */
    pair: Signal<{ a: string; b: string }>;
    /** A comparison the server made for `?a=&b=`, if any. */
    initial: BoardComparison | null;
  },
) {
  const result = useSignal<BoardComparison | null>(initial);
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  const run = async (a: string, b: string) => {
    const mine = ++latest.current;
    busy.value = true;
    error.value = null;
    try {
      const next = await send<BoardComparison>(
        "GET",
        `/api/schedule/compare?a=${encodeURIComponent(a)}&b=${
          encodeURIComponent(b)
        }`,
      );
      if (mine !== latest.current) return;
      result.value = next;
      history.replaceState(null, "", `?${new URLSearchParams({ a, b })}`);
    } catch (failure) {
      if (mine !== latest.current) return;
      result.value = null;
      error.value = failure instanceof ApiFailure && failure.status === 404
        ? "One of those boards no longer exists; pick another."
        : failureText(failure, "Could not compare the boards");
    } finally {
      if (mine === latest.current) busy.value = false;
    }
  };
  const rerun = () => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const shown = result.value;
      if (shown) void run(shown.a.id, shown.b.id);
    }, COALESCE_MS);
  };
  useRealtime("schedule_update", (event) => {
    const data = event.data as ScheduleUpdateData;
    const shown = result.value;
    if (shown === null) return;
    const ids = [shown.a.id, shown.b.id];
    if (data.action === "board" || data.action === "board_replaced") {
      if (ids.includes("working")) rerun();
    } else if (
      data.action === "version_deleted" && ids.includes(data.versionMeta.id)
    ) {
      result.value = null;
      error.value =
        `“${data.versionMeta.name}” was deleted; pick another board to compare.`;
    }
  }, rerun);

  const a = stillThere(pair.value.a, versions);
  const b = stillThere(pair.value.b, versions);
  const shown = result.value;
  return (
    <section class="card version-compare" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare two boards</h2>
      <form
        method="get"
        class="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(a, b);
        }}
      >
        <label class="field" for="compare-a">
          <span>From (A)</span>
          <select
            id="compare-a"
            name="a"
            value={a}
            onChange={(e) =>
              pair.value = { a: e.currentTarget.value, b: pair.value.b }}
          >
            <BoardOptions versions={versions} />
          </select>
        </label>
        <label class="field" for="compare-b">
          <span>To (B)</span>
          <select
            id="compare-b"
            name="b"
            value={b}
            onChange={(e) =>
              pair.value = { a: pair.value.a, b: e.currentTarget.value }}
          >
            <BoardOptions versions={versions} />
          </select>
        </label>
        <button
          type="submit"
          class="button button-primary"
          disabled={busy.value}
        >
          {busy.value ? "Comparing…" : "Compare"}
        </button>
      </form>
      {error.value && <p class="form-error" role="alert">{error.value}</p>}
      <div aria-live="polite" class="compare-result">
        {shown && <ComparisonTable comparison={shown} />}
      </div>
    </section>
  );
}

function ComparisonTable({ comparison }: { comparison: BoardComparison }) {
  const { a, b, moves } = comparison;
  if (moves.length === 0) {
    return (
      <EmptyState title="No scene moved">
        <p>
          Every scene stands on the same day in “{a.name}” as in “{b.name}”.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <p class="compare-summary">
        From “{a.name}” ({a.days}{" "}
        {a.days === 1 ? "day" : "days"}) to “{b.name}” ({b.days}{" "}
        {b.days === 1 ? "day" : "days"}): {moves.length}{" "}
        {moves.length === 1 ? "scene moved" : "scenes moved"}.
      </p>
      <div
        class="table-wrap compare-wrap"
        role="region"
        aria-label="Scenes that moved"
        tabIndex={0}
      >
        <table class="table compare-table">
          <thead>
            <tr>
              <th scope="col">Scene</th>
              <th scope="col">Set</th>
              <th scope="col">In A</th>
              <th scope="col">In B</th>
            </tr>
          </thead>
          <tbody>
            {moves.map((m) => (
              <tr key={m.sceneKey} data-scene={m.number ?? ""}>
                <th scope="row">{m.number ?? "—"}</th>
                <td class="compare-set">{m.set}</td>
                <td>{dayText(m.from)}</td>
                <td class="compare-to">{dayText(m.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
