/**
 * What this process keeps for one store handle: who listens to its
 * commits, its queue of event-appending commits, how long its events are
 * kept, the one-time upkeep done through it and, for the whole store, its
 * production views. The handle owns
 * it — the store opened with `openKv()`, each production's view, or any
 * other `Deno.Kv` a test hands in carries its own — so there is no
 * registry beside the handles to keep in step with them.
 *
 * @module
 */
import type { StoredEvent } from "./event_log.ts";

/**
 * The size of a commit. DESIGN §6: at most 10 checks and 1,000 mutations
 * (the strictest limits among local KV, denokv and Deno Deploy).
 */
export interface CommitStats {
  checks: number;
  mutations: number;
}

/** Called after each commit made through `transact()` on a handle. */
export type CommitListener = (
  events: StoredEvent[],
  stats: CommitStats,
) => void;

/** The state one store handle carries in this process. */
export class StoreState {
  /** Listeners of the commits made through this handle. */
  readonly commitListeners: Set<CommitListener> = new Set();
  /** The last of this handle's event-appending commits, run one by one. */
  appending: Promise<unknown> = Promise.resolve();
  /** How long this handle's events are kept (ms); unset: the store's. */
  retentionMs: number | undefined = undefined;
  /** The whole store's production views, by production id. */
  readonly views: Map<string, Deno.Kv> = new Map();
  /**
   * One-time upkeep this process has done through this handle (a module's
   * index backfill), by name: later calls skip even its mark's read.
   */
  readonly done: Set<string> = new Set();
  /** The log head as this handle's last append left it (transaction.ts). */
  #head: Deno.KvEntry<number> | null = null;
  /** Appends to make with a read head before trusting a known one again. */
  #headDistrust = 0;

  /**
   * The head to append after without reading it, or null: none known, or
   * a known one failed lately (another writer appends too, so it would
   * mostly be stale and cost a failed commit).
   */
  knownHead(): Deno.KvEntry<number> | null {
    if (this.#headDistrust > 0) {
      this.#headDistrust--;
      return null;
    }
    return this.#head;
  }

  /** Notes the head an append committed. */
  headCommitted(head: Deno.KvEntry<number>): void {
    this.#head = head;
  }

  /** Notes that another writer had moved the known head. */
  headStale(): void {
    this.#head = null;
    this.#headDistrust = HEAD_DISTRUST_APPENDS;
  }
}

/**
 * After a known head proved stale, appends that read the head first. A
 * failed commit costs more than a read, so with other writers about the
 * guess is tried again only now and then.
 */
const HEAD_DISTRUST_APPENDS = 32;

const STATE = Symbol("prodsight.store_state");

/** The state `kv` carries, given to it the first time it is asked for. */
export function stateOf(kv: Deno.Kv): StoreState {
  const held = (kv as unknown as { [STATE]?: StoreState })[STATE];
  if (held !== undefined) return held;
  const state = new StoreState();
  // Not enumerable, not writable: part of the handle, never of its data.
  Object.defineProperty(kv, STATE, { value: state });
  return state;
}
