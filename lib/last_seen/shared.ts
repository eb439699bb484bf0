/**
 * "Since you last looked" (issue #13): what changed on a page since the
 * viewer's previous visit to it, as lines of the activity feed and a
 * summary of the rest. Browser-safe vocabulary, wire types and wording.
 *
 * @module
 */
import type { ActivityItem } from "@/lib/activity_text.ts";
import { formatShortDate } from "@/lib/format.ts";
import type { Module } from "@/lib/policy.ts";

/** The pages that remember the viewer's last visit. */
export const LAST_SEEN_PAGES = [
  "dashboard",
  "tasks",
  "budget",
  "script",
  "vfx",
  "assets",
] as const;

/** A page that remembers the viewer's last visit. */
export type LastSeenPage = typeof LAST_SEEN_PAGES[number];

/**
 * The module whose events each page tells of; the dashboard (null) tells
 * of every module's.
 */
export const PAGE_MODULES: Readonly<Record<LastSeenPage, Module | null>> = {
  dashboard: null,
  tasks: "tasks",
  budget: "budget",
  script: "script",
  vfx: "vfx",
  assets: "assets",
};

/** What happened to a record since the last visit, in summary order. */
export const CHANGE_KINDS = ["changed", "new", "removed"] as const;

/** What happened to a record since the last visit. */
export type ChangeKind = typeof CHANGE_KINDS[number];

/** The mark a line carries. */
export const CHANGE_KIND_LABELS: Readonly<Record<ChangeKind, string>> = {
  new: "New",
  changed: "Changed",
  removed: "Removed",
};

/** Lines listed before the rest is summed up. */
export const MAX_LINES = 8;
/** Lines a phone shows of them; it sums up the rest (see {@linkcode linesBeyond}). */
export const NARROW_LINES = 4;

/** The kinds of record a change is about. */
export const RECORD_NOUNS = [
  "task",
  "expense",
  "budget_category",
  "script",
  "scene",
  "element",
  "shot",
  "file",
  "announcement",
  "member",
  "settings",
] as const;

/** The kind of record a change is about. */
export type RecordNoun = typeof RECORD_NOUNS[number];

/**
 * How the summary counts each kind: `one`/`many` after a number, or
 * `single` for what a production has only one of.
 */
export const NOUN_WORDS: Readonly<
  Record<RecordNoun, { one: string; many: string; single?: string }>
> = {
  task: { one: "task", many: "tasks" },
  expense: { one: "expense", many: "expenses" },
  budget_category: { one: "budget category", many: "budget categories" },
  script: { one: "script", many: "scripts" },
  scene: { one: "scene", many: "scenes" },
  element: { one: "element", many: "elements" },
  shot: { one: "shot", many: "shots" },
  file: { one: "file", many: "files" },
  announcement: { one: "announcement", many: "announcements" },
  member: { one: "member", many: "members" },
  settings: { one: "setting", many: "settings", single: "the settings" },
};

/** One listed change: the feed's line for the record's newest event. */
export interface ChangeLine {
  kind: ChangeKind;
  noun: RecordNoun;
  item: ActivityItem;
}

/** How many changes of one kind to one kind of record went unlisted. */
export interface ChangeCount {
  noun: RecordNoun;
  kind: ChangeKind;
  count: number;
}

/** What {@linkcode LastSeenPage} pages show above their content. */
export interface SinceLastLooked {
  page: LastSeenPage;
  /** The previous visit (ISO time); null on the first, which shows nothing. */
  since: string | null;
  /** When this was read (ISO time): "3 h ago" is said against it. */
  now: string;
  /** The newest changes, newest first, at most {@linkcode MAX_LINES}. */
  lines: ChangeLine[];
  /** The changes beyond `lines`, counted by record and kind. */
  more: ChangeCount[];
  /** The records of this page that are new or changed, by id (highlights). */
  marks: Record<string, "new" | "changed">;
  /** Events after the previous visit have left the log (retention). */
  olderThanLog: boolean;
  /** More events came after it than are read: only the newest were. */
  capped: boolean;
  /** How long the log keeps events, in hours (for the note). */
  retentionHours: number;
}

/** Nothing to say: a first visit, or nothing changed. */
export function nothingSince(
  page: LastSeenPage,
  since: string | null,
  now: string,
  retentionHours: number,
): SinceLastLooked {
  return {
    page,
    since,
    now,
    lines: [],
    more: [],
    marks: {},
    olderThanLog: false,
    capped: false,
    retentionHours,
  };
}

/** Whether the section has anything to show. */
export function hasNews(since: SinceLastLooked): boolean {
  return since.since !== null &&
    (since.lines.length > 0 || since.olderThanLog || since.capped);
}

/** The number of changes `counts` add up to. */
export function countOf(counts: readonly ChangeCount[]): number {
  return counts.reduce((sum, c) => sum + c.count, 0);
}

/**
 * The summary of unlisted changes, per kind of record in order of first
 * appearance, changed before new before removed: "12 tasks changed, 5
 * new, 6 removed; 2 new files; the settings changed".
 */
export function summaryText(counts: readonly ChangeCount[]): string {
  const nouns = [...new Set(counts.map((c) => c.noun))];
  return nouns.map((noun) => {
    const words = NOUN_WORDS[noun];
    return CHANGE_KINDS.flatMap((kind) => {
      const n = counts.filter((c) => c.noun === noun && c.kind === kind)
        .reduce((sum, c) => sum + c.count, 0);
      return n === 0 ? [] : [{ kind, n }];
    }).map(({ kind, n }, i) => {
      if (i > 0) return `${n} ${kind}`;
      if (words.single !== undefined && n === 1) {
        return `${words.single} ${kind}`;
      }
      const noun = n === 1 ? words.one : words.many;
      return kind === "new" ? `${n} new ${noun}` : `${n} ${noun} ${kind}`;
    }).join(", ");
  }).join("; ");
}

/**
 * The counts of everything after the first `shown` lines: those lines'
 * changes and the unlisted ones (a phone lists fewer lines than a laptop).
 */
export function linesBeyond(
  since: Pick<SinceLastLooked, "lines" | "more">,
  shown: number,
): ChangeCount[] {
  return [
    ...since.lines.slice(shown).map(({ noun, kind }) => ({
      noun,
      kind,
      count: 1,
    })),
    ...since.more,
  ];
}

/** The summary line: "and 23 more changes: 12 tasks changed, 5 new, 6 removed". */
export function moreText(counts: readonly ChangeCount[]): string {
  const n = countOf(counts);
  return `and ${n} more ${n === 1 ? "change" : "changes"}: ${
    summaryText(counts)
  }`;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long ago a visit was, roughly: "moments ago", "25 min ago",
 * "3 h ago", "a day ago", "4 days ago", then the date ("on 3 Feb").
 */
export function agoText(
  at: number,
  now: number,
  timeZone: string,
): string {
  const ms = Math.max(0, now - at);
  if (ms < MINUTE_MS) return "moments ago";
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)} min ago`;
  if (ms < DAY_MS) return `${Math.floor(ms / HOUR_MS)} h ago`;
  const days = Math.floor(ms / DAY_MS);
  if (days === 1) return "a day ago";
  if (days < 7) return `${days} days ago`;
  return `on ${formatShortDate(at, timeZone, now)}`;
}
