import {
  EVENT_HEAD_KEY,
  eventId,
  type EventInput,
  eventKey,
  eventRetentionMs,
  LOG_MOVED_EVENTS_MAX_BYTES,
  LOG_MOVED_KEY,
  type LogMoved,
  type StoredEvent,
} from "./event_log.ts";
import { StoreBusyError, ValueTooLargeError } from "./errors.ts";
import { productionOf } from "./production_kv.ts";
import {
  type CommitListener,
  type CommitStats,
  stateOf,
} from "./store_state.ts";
import {
  type ChangeInput,
  historyKey,
  purgeKey,
  runPurges,
  toHistoryEntry,
} from "./history.ts";

/**
 * Commits an append tries on a fresh head when only the head moved, before
 * the change is redone (after a backoff) by {@linkcode transact}.
 */
const HEAD_ATTEMPTS = 8;

/** Deno KV refuses values above 64 KiB; records must leave room for events. */
export const MAX_VALUE_BYTES = 65_536;
const ENCODER = new TextEncoder();

type Write =
  | { kind: "set"; key: Deno.KvKey; value: unknown; expireIn?: number }
  | { kind: "delete"; key: Deno.KvKey };

/**
 * One attempt at an atomic change. Every key read through it is checked at
 * commit, so the commit fails (and the change is recomputed) if any of them
 * changed meanwhile: no lost updates.
 */
export class Transaction {
  #kv: Deno.Kv;
  /** Every key read, as first read: the commit checks each is unchanged. */
  #checks = new Map<string, Deno.KvEntryMaybe<unknown>>();
  #writes: Write[] = [];
  #events: EventInput[] = [];
  /** The emitted events' JSON length, measured once by their size check. */
  #eventsJsonLength = 0;
  #history = new Set<string>();
  #purges: { collection: string; recordId: string }[] = [];
  #stats: CommitStats = { checks: 0, mutations: 0 };

  /** Starts a transaction on `kv`; see {@linkcode transact}. */
  constructor(kv: Deno.Kv) {
    this.#kv = kv;
  }

  /** The store, for reads that need no commit check (lists, scans). */
  get kv(): Deno.Kv {
    return this.#kv;
  }

  /**
   * Reads a key; the commit checks it is unchanged. A key read before in
   * this attempt is answered from that read: the commit checks the first
   * read anyway, so a second trip to the store could only tell of a change
   * that makes the commit fail.
   */
  async get<T>(key: Deno.KvKey): Promise<Deno.KvEntryMaybe<T>> {
    const read = this.#checks.get(keyId(key));
    if (read !== undefined) return read as Deno.KvEntryMaybe<T>;
    const entry = await this.#kv.get<T>(key);
    this.#watch(entry);
    return entry;
  }

  /**
   * Reads up to 10 keys at once (as `Deno.Kv.getMany`, so code can read
   * through either); the commit checks them all.
   */
  async getMany<T extends readonly unknown[]>(
    keys: readonly [...{ [K in keyof T]: Deno.KvKey }],
  ): Promise<{ [K in keyof T]: Deno.KvEntryMaybe<T[K]> }> {
    const entries = await this.#kv.getMany<T>(keys);
    for (const entry of entries) this.#watch(entry);
    return entries;
  }

  /** Writes a value at commit; throws if it cannot fit in KV. */
  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }): void {
    assertFits(value);
    this.#writes.push({ kind: "set", key, value, ...options });
  }

  /** Deletes a key at commit. */
  delete(key: Deno.KvKey): void {
    this.#writes.push({ kind: "delete", key });
  }

  /** Appends an event to the log in the same commit as the change. */
  emit(event: EventInput): void {
    this.#eventsJsonLength += assertFits(event);
    this.#events.push(event);
  }

  /**
   * Records a change in the record's lifetime history (history.ts), in
   * this commit: the entry exists if and only if the change committed. An
   * `updated` with no field changes records nothing. Returns whether an
   * entry was queued.
   */
  recordChange(input: ChangeInput): boolean {
    if (input.action === "updated" && input.changes.length === 0) return false;
    const entry = toHistoryEntry(input);
    const key = historyKey(entry.collection, entry.recordId, entry.version);
    const id = JSON.stringify(key);
    // One entry per record version: a second one would overwrite the first.
    if (this.#history.has(id)) {
      throw new Error(`${id}: one history entry per record version`);
    }
    this.#history.add(id);
    this.set(key, entry);
    return true;
  }

  /**
   * Deletes a record's history along with the record: a purge marker
   * commits now, the entries go in batches right after the commit.
   */
  dropHistory(collection: string, recordId: string): void {
    this.set(purgeKey(collection, recordId), Date.now());
    this.#purges.push({ collection, recordId });
  }

  /** The history purges this transaction queued (run after its commit). */
  get purges(): readonly { collection: string; recordId: string }[] {
    return this.#purges;
  }

  /** Checks and mutations of the last {@linkcode commit}, for the limits. */
  get stats(): CommitStats {
    return this.#stats;
  }

  /** Builds and commits the atomic operation; null on a check failure. */
  async commit(): Promise<StoredEvent[] | null> {
    if (this.#writes.length === 0 && this.#events.length === 0) return [];
    if (this.#events.length === 0) return await this.#commitAfter(null);
    // The head is checked, so concurrent writers serialise on it and ids
    // follow commit order: a reader never sees id n+1 before n exists.
    return await oneAppendAtATime(this.#kv, async () => {
      // The head this handle's last append left, if it is worth trusting:
      // with no other writer (one instance) it saves a read per write.
      const state = stateOf(this.#kv);
      const known = state.knownHead();
      let head = known ?? await this.#kv.get<number>(EVENT_HEAD_KEY);
      for (let attempt = 1; attempt <= HEAD_ATTEMPTS; attempt++) {
        const stored = await this.#commitAfter(head);
        if (stored !== null) return stored;
        // When only the head moved (another instance appended meanwhile),
        // what the change read still holds: append after the new head at
        // once rather than redo the change after a backoff. When the head
        // did not move, something the change read did: redo it.
        const fresh = await this.#kv.get<number>(EVENT_HEAD_KEY);
        if (fresh.versionstamp === head.versionstamp) return null;
        if (head === known) state.headStale();
        head = fresh;
      }
      return null;
    });
  }

  async #commitAfter(
    head: Deno.KvEntryMaybe<number> | null,
  ): Promise<StoredEvent[] | null> {
    const op = this.#kv.atomic();
    for (const check of this.#checks.values()) op.check(check);
    const stored: StoredEvent[] = [];
    let seq = head?.value ?? 0;
    if (head !== null) {
      op.check(head);
      const ts = Date.now();
      for (const event of this.#events) {
        const record = { id: eventId(++seq), ts, ...event };
        stored.push(record);
        op.set(eventKey(record.id), record, {
          expireIn: eventRetentionMs(this.#kv),
        });
      }
      op.set(EVENT_HEAD_KEY, seq);
      const productionId = productionOf(this.#kv);
      if (productionId !== null) {
        // The events ride along while small (ids and times add little):
        // other instances then need no read of the log.
        const moved: LogMoved = { productionId, seq };
        if (this.#eventsJsonLength <= LOG_MOVED_EVENTS_MAX_BYTES) {
          moved.events = stored;
        }
        op.set(LOG_MOVED_KEY, moved);
      }
    }
    const heads = head === null ? 0 : 1;
    this.#stats = {
      checks: this.#checks.size + heads,
      mutations: this.#writes.length + this.#events.length + heads,
    };
    for (const write of this.#writes) {
      if (write.kind === "set") {
        op.set(write.key, write.value, { expireIn: write.expireIn });
      } else op.delete(write.key);
    }
    const result = await op.commit();
    if (!result.ok) return null;
    if (head !== null) {
      stateOf(this.#kv).headCommitted({
        key: EVENT_HEAD_KEY,
        value: seq,
        versionstamp: result.versionstamp,
      });
    }
    return stored;
  }

  #watch(entry: Deno.KvEntryMaybe<unknown>) {
    const id = keyId(entry.key);
    if (!this.#checks.has(id)) this.#checks.set(id, entry);
  }
}

/** A key as a string, so reads of one key meet in a map. */
function keyId(key: Deno.KvKey): string {
  return JSON.stringify(
    key,
    (_k, v) =>
      typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? [...v] : v,
  );
}

/** Throws unless `value` fits in a KV value; returns its JSON length. */
function assertFits(value: unknown): number {
  // JSON size is a close, cheap proxy for KV's own serialised size; the
  // commit's own error is mapped too, in case the two disagree.
  const json = JSON.stringify(value) ?? "";
  const limit = MAX_VALUE_BYTES - 1024;
  // A UTF-16 unit is at most 3 UTF-8 bytes: most values need no encoding.
  if (json.length * 3 <= limit) return json.length;
  const bytes = ENCODER.encode(json).byteLength;
  if (bytes > limit) throw new ValueTooLargeError(bytes, limit);
  return json.length;
}

export type { CommitStats } from "./store_state.ts";

/** Options for {@linkcode transact}. */
export interface TransactOptions {
  /** Attempts before giving up with {@linkcode StoreBusyError}. */
  maxAttempts?: number;
}

/** What a committed transaction returns. */
export interface Committed<T> {
  result: T;
  /** The events the change appended, with their ids. */
  events: StoredEvent[];
}

/**
 * Runs `fn` and commits what it wrote, atomically with the events it
 * emitted. When another writer changed a key `fn` read, or the database
 * file is locked by another process, `fn` runs again (bounded, with jittered
 * backoff). Errors thrown by `fn` abort without writing anything.
 *
 * @example
 * ```ts
 * const { result } = await transact(kv, async (tx) => {
 *   const entry = await tx.get<number>(["counter"]);
 *   tx.set(["counter"], (entry.value ?? 0) + 1);
 *   return (entry.value ?? 0) + 1;
 * });
 * ```
 */
export async function transact<T>(
  kv: Deno.Kv,
  fn: (tx: Transaction) => Promise<T>,
  options: TransactOptions = {},
): Promise<Committed<T>> {
  const maxAttempts = options.maxAttempts ?? 100;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const tx = new Transaction(kv);
    const result = await fn(tx);
    let events: StoredEvent[] | null;
    try {
      events = await tx.commit();
    } catch (error) {
      if (isLocked(error)) {
        await backoff(attempt);
        continue;
      }
      if (error instanceof TypeError && /too large/i.test(error.message)) {
        throw new ValueTooLargeError(MAX_VALUE_BYTES + 1, MAX_VALUE_BYTES);
      }
      throw error;
    }
    if (events !== null) {
      if (events.length > 0) notifyCommit(kv, events, tx.stats);
      // After the commit, so a record's delete never carries its history's.
      if (tx.purges.length > 0) await runPurges(kv, tx.purges);
      return { result, events };
    }
    await backoff(attempt);
  }
  throw new StoreBusyError(maxAttempts);
}

/**
 * Runs the commits that append events one at a time per store handle in
 * this process. They all check the log's head, so run together they fail
 * each other's check and redo their whole change: at 200 writes/s one
 * write in ten did, some up to eight times, each retry after a backoff.
 * Other processes' commits still meet the check and retry as before.
 */
function oneAppendAtATime<T>(kv: Deno.Kv, fn: () => Promise<T>): Promise<T> {
  const state = stateOf(kv);
  const run = state.appending.then(fn);
  state.appending = run.catch(() => {});
  return run;
}

/**
 * Calls `listener` with the events of every commit made through
 * {@linkcode transact} on `kv` in this process, right after the commit, and
 * the commit's size (tests count checks with it). The realtime hub uses it
 * to deliver without waiting for a watch or a poll. The handle keeps its
 * listeners (store_state.ts). Returns a function that stops the
 * observation.
 */
export function observeCommits(
  kv: Deno.Kv,
  listener: CommitListener,
): () => void {
  const listeners = stateOf(kv).commitListeners;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notifyCommit(
  kv: Deno.Kv,
  events: StoredEvent[],
  stats: CommitStats,
) {
  for (const listener of stateOf(kv).commitListeners) {
    try {
      listener(events, stats);
    } catch (error) {
      // An observer's bug must not turn a committed write into an error.
      console.error(error);
    }
  }
}

function isLocked(error: unknown): boolean {
  return error instanceof Error && /database is locked/i.test(error.message);
}

function backoff(attempt: number): Promise<void> {
  // Full jitter: spreads writers that collided so they do not collide again.
  const cap = Math.min(100, 2 ** Math.min(attempt, 7));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
}
