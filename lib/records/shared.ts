/**
 * The records of a production as one vocabulary, for everything that spans
 * modules: links between records, comments on them, inbox items and ripple
 * flags all name a record by a {@linkcode RecordRef}. Browser-safe: no zod,
 * nothing server-only.
 *
 * A scene is named by its stable `key` (lib/script/diff.ts), never by the
 * id of one draft's scene record: a link to "scene 12" must survive a new
 * draft.
 *
 * @module
 */

/** Every kind of record that can be linked, commented on or flagged. */
export const RECORD_TYPES = [
  "task",
  "scene",
  "element",
  "shot",
  "version",
  "asset",
  "expense",
  "budget_category",
  // The stripboard as one record (id "board"): its discussion thread.
  "schedule",
] as const;

/** A kind of record. */
export type RecordType = typeof RECORD_TYPES[number];

/** The module whose policy row decides who may read each kind of record. */
export const RECORD_MODULES = {
  task: "tasks",
  scene: "script",
  element: "script",
  shot: "vfx",
  version: "vfx",
  asset: "assets",
  expense: "budget",
  budget_category: "budget",
  schedule: "schedule",
} as const satisfies Record<RecordType, string>;

/** Human labels, singular. */
export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  task: "Task",
  scene: "Scene",
  element: "Element",
  shot: "Shot",
  version: "Shot version",
  asset: "File",
  expense: "Expense",
  budget_category: "Budget line",
  schedule: "Schedule",
};

/** Human labels, plural ("3 shots, 5 tasks"). */
export const RECORD_TYPE_PLURALS: Record<RecordType, string> = {
  task: "tasks",
  scene: "scenes",
  element: "elements",
  shot: "shots",
  version: "shot versions",
  asset: "files",
  expense: "expenses",
  budget_category: "budget lines",
  schedule: "schedules",
};

/**
 * What a record id in a reference looks like: the same rule as a path
 * parameter (`PATH_PARAM` in lib/http/path_params.ts), since every record
 * id also appears in an address.
 */
export const REF_ID: RegExp = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127}$/;

/** A record of the production: its kind and id (a scene's key). */
export interface RecordRef {
  type: RecordType;
  id: string;
}

/**
 * A record as another record's page shows it: a title, a line of detail,
 * and its page inside the production (`/tasks/<id>`; the caller puts it
 * under `/p/<slug>`).
 */
export interface RecordCard {
  ref: RecordRef;
  title: string;
  detail: string;
  href: string;
}

/** Whether `value` names a kind of record. */
export function isRecordType(value: unknown): value is RecordType {
  return typeof value === "string" &&
    (RECORD_TYPES as readonly string[]).includes(value);
}

/**
 * A reference as one string, `type:id`: the typing frames' `target` and the
 * `?record=` of the links and comments APIs.
 *
 * @example
 * ```ts
 * refKey({ type: "task", id: "t1" }); // "task:t1"
 * ```
 */
export function refKey(ref: RecordRef): string {
  return `${ref.type}:${ref.id}`;
}

/**
 * The reference a `type:id` string names, or null when it names none.
 *
 * @example
 * ```ts
 * parseRefKey("shot:s1"); // { type: "shot", id: "s1" }
 * parseRefKey("budget:1"); // null
 * ```
 */
export function parseRefKey(value: string): RecordRef | null {
  const colon = value.indexOf(":");
  if (colon < 1) return null;
  const type = value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (!isRecordType(type)) return null;
  return REF_ID.test(id) ? { type, id } : null;
}

/**
 * The page of a record that has none in its module: the generic record
 * page (`routes/p/[slug]/records/[type]/[id].tsx`), production-relative.
 *
 * @example
 * ```ts
 * recordPage("expense", "e1"); // "/records/expense/e1"
 * ```
 */
export function recordPage(type: RecordType, id: string): string {
  return `/records/${type}/${encodeURIComponent(id)}`;
}

/** Whether two references name the same record. */
export function sameRef(a: RecordRef, b: RecordRef): boolean {
  return a.type === b.type && a.id === b.id;
}

/** Most records one search answers (`GET /api/p/:slug/records`). */
export const MAX_SEARCH_RESULTS = 20;

/** The longest search text, in characters. */
export const MAX_SEARCH_TEXT = 100;

/** `GET /api/p/:slug/records?type=&q=`: a picker's matches. */
export interface RecordSearch {
  records: RecordCard[];
  /** More records matched than were sent: type more to narrow them. */
  more: boolean;
}

/** A place a record's page points to: its module's view of it, a download. */
export interface RecordPlace {
  label: string;
  /** Production-relative (`/budget#cat-1`, `/api/assets/a1/content`). */
  href: string;
  /** The address is the record's bytes: the link downloads them. */
  download?: boolean;
}

/** A record as the generic record page shows it (`/records/<type>/<id>`). */
export interface RecordView {
  card: RecordCard;
  /** Its facts, in order: a label and the value as read. */
  facts: [label: string, value: string][];
  /** Where it lives in its module (first), and what else opens it. */
  places: RecordPlace[];
}

/**
 * The kinds of record that have a page in their module; the others are
 * shown by the generic record page.
 */
export const OWN_PAGE_TYPES: readonly RecordType[] = [
  "task",
  "scene",
  "element",
  "shot",
];
