/**
 * Record history (DESIGN §6): who changed which fields of a record, from
 * what to what, kept for the record's lifetime. Entries are written by
 * `Transaction.recordChange` in the same atomic commit as the
 * change, so a change has its entry if and only if it committed. Unlike the
 * event log (kept for the retention window, for replay) entries never
 * expire; they go when their record goes.
 *
 * Keys: `["history", collection, recordId, version]`, where `collection` is
 * the record's repository name and `version` the record's version after the
 * change. Versions only grow, so the key order is the change order and a
 * record's newest entries are read with one reverse list.
 *
 * Deleting a record (`Repository.remove`) writes a purge marker
 * `["history_purge", collection, recordId]` in the delete's commit; after
 * that commit the entries are deleted in bounded batches and the marker
 * last. A process that dies in between leaves the marker, and
 * {@linkcode sweepHistoryPurges} (run at start) finishes the job. A record
 * with thousands of entries therefore never makes its own delete exceed the
 * commit limits.
 *
 * @module
 */
import { z } from "zod";
import { productionKv } from "./production_kv.ts";

const HISTORY = "history";
const PURGES = "history_purge";
/** Entries deleted per purge commit: well under KV's 1,000 mutations. */
export const PURGE_BATCH = 500;
/** A `from`/`to` value is cut to at most this many UTF-8 bytes of JSON. */
export const MAX_CHANGE_VALUE_BYTES = 1_024;
/** At most this many field changes per entry (keeps it far below 64 KiB). */
export const MAX_CHANGES = 24;
/** Fields that change on every write and say nothing to a reader. */
const IGNORED = new Set(["id", "version", "createdAt", "updatedAt"]);
const ENCODER = new TextEncoder();

/** One field's change; `truncated` when a value was cut to fit. */
export const FieldChangeSchema = z.object({
  field: z.string().min(1).max(100),
  from: z.unknown(),
  to: z.unknown(),
  truncated: z.literal(true).optional(),
});

/** One field's change. */
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** Who made a change: the id, and the name as it was at the time. */
export const HistoryActorSchema = z.object({
  id: z.string(),
  name: z.string(),
});

/** One change of one record, as stored. */
export const HistoryEntrySchema = z.object({
  collection: z.string(),
  recordId: z.string(),
  /** The record's version after the change; also the entry's key part. */
  version: z.number().int().positive(),
  /** When: the record's `updatedAt` after the change. */
  at: z.string(),
  actor: HistoryActorSchema,
  /** `created`, `updated`, or a module's own verb (`version_submitted`). */
  action: z.string().regex(/^[a-z][a-z_]{0,39}$/),
  changes: z.array(FieldChangeSchema).max(MAX_CHANGES),
});

/** One change of one record, as stored. */
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** What `Transaction.recordChange` takes. */
export interface ChangeInput {
  /** The record's repository name (`tasks`, `vfx_shots`, …). */
  collection: string;
  /** The record after the change. */
  record: { id: string; version: number; updatedAt: string };
  /** Who: a session user or any `{ id, name? }`; other fields are dropped. */
  actor: { id: string; name?: string };
  action: string;
  /** Usually {@linkcode diffFields}' result. */
  changes: FieldChange[];
}

/** The key of a record's entries, or of one entry with `version`. */
export function historyKey(
  collection: string,
  recordId: string,
  version?: number,
): Deno.KvKey {
  return version === undefined
    ? [HISTORY, collection, recordId]
    : [HISTORY, collection, recordId, version];
}

/** The purge marker a record's delete leaves until its history is gone. */
export function purgeKey(collection: string, recordId: string): Deno.KvKey {
  return [PURGES, collection, recordId];
}

function jsonBytes(value: unknown): number {
  return ENCODER.encode(JSON.stringify(value) ?? "").byteLength;
}

function read(record: unknown, path: string): unknown {
  let value = record;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function empty(value: unknown): boolean {
  return value === null || value === undefined || value === "" ||
    (Array.isArray(value) && value.length === 0);
}

/**
 * Cuts a value whose JSON exceeds `maxBytes`: a long string keeps its start
 * and ends with "…"; any other large value becomes the start of its JSON.
 */
export function truncateValue(
  value: unknown,
  maxBytes = MAX_CHANGE_VALUE_BYTES,
): { value: unknown; truncated: boolean } {
  if (value === undefined) return { value: null, truncated: false };
  if (jsonBytes(value) <= maxBytes) return { value, truncated: false };
  const text = typeof value === "string" ? value : JSON.stringify(value);
  // Escapes can triple a character's JSON size: bisect on the real size.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (jsonBytes(`${text.slice(0, mid)}…`) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  // Never end on half of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[lo - 1] ?? "") ? lo - 1 : lo;
  return { value: `${text.slice(0, end)}…`, truncated: true };
}

/**
 * The changes between two states of a record, for the listed `fields`
 * (dotted paths reach into objects: `breakdown.cast`). `before` null is a
 * creation: the fields that start with a value. Bookkeeping fields (`id`,
 * `version`, `createdAt`, `updatedAt`) are never reported, and large values
 * are cut (see {@linkcode truncateValue}).
 *
 * @example
 * ```ts
 * diffFields({ status: "todo", title: "A" }, { status: "done", title: "A" },
 *   ["status", "title"]);
 * // [{ field: "status", from: "todo", to: "done" }]
 * ```
 */
export function diffFields<T extends object>(
  before: T | null,
  after: T,
  fields: readonly string[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (IGNORED.has(field)) continue;
    const from = before === null ? null : read(before, field);
    const to = read(after, field);
    if (before === null ? empty(to) : same(from, to)) continue;
    const f = truncateValue(from ?? null);
    const t = truncateValue(to ?? null);
    changes.push({
      field,
      from: f.value,
      to: t.value,
      ...(f.truncated || t.truncated ? { truncated: true as const } : {}),
    });
  }
  return changes;
}

/**
 * Builds the stored entry: only `id` and `name` of the actor (never a role,
 * a token or a hash), at most {@linkcode MAX_CHANGES} changes, values cut
 * to size. Throws on a malformed action or collection (a programming error).
 */
export function toHistoryEntry(input: ChangeInput): HistoryEntry {
  const changes = input.changes.slice(0, MAX_CHANGES).map((c) => {
    const from = truncateValue(c.from);
    const to = truncateValue(c.to);
    return {
      field: c.field.slice(0, 100),
      from: from.value,
      to: to.value,
      ...(c.truncated || from.truncated || to.truncated
        ? { truncated: true as const }
        : {}),
    };
  });
  return HistoryEntrySchema.parse({
    collection: input.collection,
    recordId: input.record.id,
    version: input.record.version,
    at: input.record.updatedAt,
    actor: { id: input.actor.id, name: input.actor.name ?? "" },
    action: input.action,
    changes,
  });
}

/** A page of {@linkcode readHistory}: newest first. */
export interface HistoryPage {
  entries: HistoryEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Cursor of {@linkcode readHistory}: a version, as digits. */
export const HistoryCursorSchema = z.string().regex(
  /^[1-9]\d{0,15}$/,
  "Use the nextCursor of the previous page",
);

/** `GET …/history` query: `?limit=1..200&cursor=<nextCursor>`. */
export const HistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: HistoryCursorSchema.optional(),
}).strict();

/**
 * A record's history, newest first: at most `limit` entries (default 50,
 * at most 200), older than `cursor` when given.
 */
export async function readHistory(
  kv: Deno.Kv,
  collection: string,
  recordId: string,
  options: { limit?: number; cursor?: string | null } = {},
): Promise<HistoryPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const prefix = historyKey(collection, recordId);
  const selector: Deno.KvListSelector = options.cursor
    ? { prefix, end: [...prefix, Number(options.cursor)] }
    : { prefix };
  const entries: HistoryEntry[] = [];
  for await (
    const entry of kv.list<unknown>(selector, {
      reverse: true,
      limit: limit + 1,
    })
  ) {
    entries.push(HistoryEntrySchema.parse(entry.value));
  }
  const more = entries.length > limit;
  const page = entries.slice(0, limit);
  return {
    entries: page,
    nextCursor: more ? String(page.at(-1)!.version) : null,
  };
}

/**
 * Deletes a deleted record's history in batches of {@linkcode PURGE_BATCH},
 * then its purge marker. Each batch commits only while the record is still
 * absent: should the id be written again, the purge stops and the entries
 * stay with the new record. Returns the number of entries deleted.
 */
export async function purgeHistory(
  kv: Deno.Kv,
  collection: string,
  recordId: string,
): Promise<number> {
  const recordKey: Deno.KvKey = [collection, recordId];
  let deleted = 0;
  for (;;) {
    const keys: Deno.KvKey[] = [];
    const iter = kv.list({ prefix: historyKey(collection, recordId) }, {
      limit: PURGE_BATCH,
    });
    for await (const entry of iter) keys.push(entry.key);
    const op = kv.atomic().check({ key: recordKey, versionstamp: null });
    for (const key of keys) op.delete(key);
    if (keys.length < PURGE_BATCH) op.delete(purgeKey(collection, recordId));
    const result = await op.commit();
    if (!result.ok) {
      // The record exists (again): its history is its own; stop purging.
      await kv.delete(purgeKey(collection, recordId));
      return deleted;
    }
    deleted += keys.length;
    if (keys.length < PURGE_BATCH) return deleted;
  }
}

/**
 * Finishes purges a crashed process left (their markers); run at start.
 * Returns the number of records whose history was purged.
 */
export async function sweepHistoryPurges(kv: Deno.Kv): Promise<number> {
  let purged = 0;
  for await (const entry of kv.list({ prefix: [PURGES] })) {
    const [, collection, recordId] = entry.key;
    if (typeof collection !== "string" || typeof recordId !== "string") {
      await kv.delete(entry.key);
      continue;
    }
    await purgeHistory(kv, collection, recordId);
    purged++;
  }
  return purged;
}

/**
 * {@linkcode sweepHistoryPurges} in every production of the whole store
 * `store` that a marker names: found from the markers, not from the
 * register of productions, so a production that is not (or no longer) in
 * it has its purges finished too. Returns the number of records purged.
 */
export async function sweepStoreHistoryPurges(
  store: Deno.Kv,
): Promise<number> {
  const productions = new Set<string>();
  for await (const entry of store.list({ prefix: [PURGES] })) {
    const productionId = entry.key[1];
    if (typeof productionId === "string" && productionId !== "") {
      productions.add(productionId);
    } else {
      await store.delete(entry.key);
    }
  }
  let purged = 0;
  for (const id of productions) {
    purged += await sweepHistoryPurges(productionKv(store, id));
  }
  return purged;
}

/** Runs the purges a transaction queued; a failure is logged, never thrown. */
export async function runPurges(
  kv: Deno.Kv,
  purges: readonly { collection: string; recordId: string }[],
): Promise<void> {
  for (const { collection, recordId } of purges) {
    try {
      await purgeHistory(kv, collection, recordId);
    } catch (error) {
      // The marker stays: the next start's sweep finishes the purge.
      console.error(
        `history of ${collection}/${recordId}: purge failed`,
        error,
      );
    }
  }
}
