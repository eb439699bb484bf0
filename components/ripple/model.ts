/**
 * The ripple view's state as pure functions (browser code, types only from
 * lib): which drafts and flags show under a filter, and a resolved flag
 * put in its place.
 *
 * @module
 */
import type { RecordType } from "@/lib/records/shared.ts";
import {
  type DraftRipple,
  type FlagView,
  KIND_ORDER,
  type RippleView,
} from "@/lib/ripple/shared.ts";

/** Which flags the view lists: mine to resolve, every open one, or all. */
export type FlagFilter = "mine" | "open" | "all";

/** Open flags the viewer may resolve. */
export function mineCount(view: RippleView): number {
  return view.drafts.reduce(
    (n, d) => n + d.flags.filter((f) => f.resolvable).length,
    0,
  );
}

/** The filter a visit starts with: mine when there are any, else open. */
export function initialFilter(view: RippleView): FlagFilter {
  return mineCount(view) > 0 ? "mine" : "open";
}

/** A draft the address points at (`?script=&draft=`), or null. */
export interface DraftFocus {
  scriptId: string;
  draft: number;
}

/**
 * The drafts to show, newest first: with `mine` only the flags the viewer
 * may resolve, with `open` only open ones (drafts left with none
 * disappear, except the focused one).
 */
export function shownDrafts(
  view: RippleView,
  filter: FlagFilter,
  focus: DraftFocus | null,
): DraftRipple[] {
  const focused = (d: DraftRipple) =>
    focus !== null && d.scriptId === focus.scriptId && d.draft === focus.draft;
  return view.drafts
    .map((d) =>
      filter === "all" ? d : {
        ...d,
        flags: d.flags.filter((f) =>
          filter === "mine" ? f.resolvable : f.status === "open"
        ),
      }
    )
    .filter((d) => filter === "all" || d.flags.length > 0 || focused(d));
}

/** The view with `flag` replacing the flag of the same id. */
export function withFlag(view: RippleView, flag: FlagView): RippleView {
  const drafts = view.drafts.map((d) => ({
    ...d,
    flags: d.flags.map((f) => f.id === flag.id ? flag : f),
  }));
  const open = drafts.reduce(
    (n, d) => n + d.flags.filter((f) => f.status === "open").length,
    0,
  );
  return { drafts, open };
}

/**
 * The flags of a draft grouped by the kind of record: work first (tasks,
 * shots), then money, files and the breakdown's elements; within a kind,
 * in script order ("Scene 2" before "Scene 10" and "Scene 10A"), so a
 * reader walks the draft from the top.
 */
export function byKind(flags: readonly FlagView[]): [string, FlagView[]][] {
  const groups = new Map<string, FlagView[]>();
  for (const flag of flags) {
    const kind = flag.record.ref.type;
    groups.set(kind, [...(groups.get(kind) ?? []), flag]);
  }
  for (const group of groups.values()) group.sort(inSceneOrder);
  return [...groups].sort(([a], [b]) =>
    KIND_ORDER.indexOf(a as RecordType) - KIND_ORDER.indexOf(b as RecordType)
  );
}

function inSceneOrder(a: FlagView, b: FlagView): number {
  // Every viewer has the label; the scene's detail is only for script readers.
  return a.scene.localeCompare(b.scene, "en", { numeric: true });
}
