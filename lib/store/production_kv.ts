/**
 * One production's view of the store (DESIGN §6): every key of a
 * production collection gains the production id as its second part —
 * `["tasks", id]` is stored as `["tasks", productionId, id]`, an index
 * `["tasks_by_assignee", userId, id]` as `["tasks_by_assignee",
 * productionId, userId, id]`, the event log `["events", eventId]` as
 * `["events", productionId, eventId]` with its own head. Studio
 * collections (accounts, sessions, productions, memberships) keep their
 * keys. Services are given this view, so nothing they read or write can
 * reach another production: isolation holds by construction, not by each
 * module remembering a filter.
 *
 * @example
 * ```ts
 * const pkv = productionKv(kv, "p-northern-lights");
 * await pkv.set(["tasks", "t1"], task); // stored at ["tasks", "p-northern-lights", "t1"]
 * ```
 *
 * @module
 */

import { stateOf } from "./store_state.ts";

/**
 * Collections that belong to the studio, not to one production. Everything
 * else (every module's records and indexes, asset chunks and upload marks,
 * the event log and its head, record history, `production` — the settings
 * record — and the modules' one-time markers: `migrations`,
 * `budget_migrations`, `budget_seeded`) belongs to a production, and the
 * store migration (migrations/v1_productions.ts) moves it under one.
 */
export const STUDIO_COLLECTIONS: ReadonlySet<string> = new Set([
  // Accounts and what makes a studio.
  "users",
  "users_by_username",
  "productions",
  "productions_by_slug",
  "memberships",
  "memberships_by_account",
  // Sign-in is to the studio: the signing secret (["config", "jwt_secret"]),
  // sessions, refresh tokens, revoked tokens and sign-in rate limits.
  "config",
  "sessions",
  "refresh_tokens",
  "refresh_families",
  "revoked_jti",
  "rate_limit",
  // The deployment's own keys: the bus's few watched keys (DESIGN §7: never
  // one per production; each names its production), the start-up notice
  // and the demo seed's marker. (Each instance's presence list and socket
  // statistics are per production: `presence`, `hub_stats`.)
  "bus",
  "startup_notice",
  "seeded",
  // The store's layout version and its migrations' lease and progress.
  "store_version",
  "store_migration",
]);

/**
 * The id under which the studio keeps its own event log (account-level
 * events: a sign-in session that ended), beside the productions' logs. No
 * production has it: production ids are generated UUIDs, or `current`
 * for the one a store from before productions became.
 */
export const STUDIO_LOG_ID = "@studio";

/** Whether a key belongs to the studio (kept as it is). */
function isStudioKey(key: Deno.KvKey): boolean {
  const head = key[0];
  return typeof head !== "string" || STUDIO_COLLECTIONS.has(head);
}

/**
 * The view of `kv` for one production; the same object for the same pair
 * (the store keeps its views, store_state.ts), so what a handle keeps (an
 * append queue, commit observers) is kept per production. A wrapper that
 * passes everything through to a store (a test's commit recorder) shares
 * that store's state but gets views of its own, so its commits go through
 * it.
 */
export function productionKv(kv: Deno.Kv, productionId: string): Deno.Kv {
  if (kv instanceof ProductionKv) {
    throw new TypeError("Already a production's view");
  }
  if (productionId === "") throw new TypeError("No production id");
  const views = stateOf(kv).views;
  const known = views.get(productionId);
  if (known instanceof ProductionKv && known.store === kv) return known;
  const view = new ProductionKv(kv, productionId);
  if (known === undefined) views.set(productionId, view as unknown as Deno.Kv);
  return view as unknown as Deno.Kv;
}

/** The whole store under a view (or `kv` itself when it is not one). */
export function studioKv(kv: Deno.Kv): Deno.Kv {
  return kv instanceof ProductionKv ? kv.store : kv;
}

/** The production a view is scoped to; null for the whole store. */
export function productionOf(kv: Deno.Kv): string | null {
  return kv instanceof ProductionKv ? kv.productionId : null;
}

class ProductionKv {
  #kv: Deno.Kv;
  #id: string;

  constructor(kv: Deno.Kv, productionId: string) {
    this.#kv = kv;
    this.#id = productionId;
  }

  /** The whole store this is a view of. */
  get store(): Deno.Kv {
    return this.#kv;
  }

  /** The production this view is scoped to. */
  get productionId(): string {
    return this.#id;
  }

  /** The stored key of `key`. */
  scope(key: Deno.KvKey): Deno.KvKey {
    return isStudioKey(key) ? key : [key[0], this.#id, ...key.slice(1)];
  }

  /** The key as the production sees it. */
  unscope(key: Deno.KvKey): Deno.KvKey {
    return isStudioKey(key) ? key : [key[0], ...key.slice(2)];
  }

  #entry<T>(entry: Deno.KvEntryMaybe<T>): Deno.KvEntryMaybe<T> {
    return { ...entry, key: this.unscope(entry.key) } as Deno.KvEntryMaybe<T>;
  }

  async get<T>(
    key: Deno.KvKey,
    options?: { consistency?: Deno.KvConsistencyLevel },
  ) {
    return this.#entry(await this.#kv.get<T>(this.scope(key), options));
  }

  async getMany<T extends readonly unknown[]>(
    keys: readonly [...{ [K in keyof T]: Deno.KvKey }],
    options?: { consistency?: Deno.KvConsistencyLevel },
  ) {
    const entries = await this.#kv.getMany(
      keys.map((key) => this.scope(key)),
      options,
    );
    return entries.map((entry) => this.#entry(entry));
  }

  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }) {
    return this.#kv.set(this.scope(key), value, options);
  }

  delete(key: Deno.KvKey) {
    return this.#kv.delete(this.scope(key));
  }

  list<T>(selector: Deno.KvListSelector, options?: Deno.KvListOptions) {
    const scoped: Record<string, Deno.KvKey> = {};
    for (const [part, key] of Object.entries(selector)) {
      if (key.length === 0) {
        throw new TypeError("A production's view lists one collection");
      }
      scoped[part] = this.scope(key);
    }
    return new ProductionListIterator<T>(
      this.#kv.list<T>(scoped as unknown as Deno.KvListSelector, options),
      this,
    );
  }

  atomic() {
    return new ProductionAtomic(this.#kv.atomic(), this);
  }

  watch(keys: readonly Deno.KvKey[], options?: { raw?: boolean }) {
    const stream = this.#kv.watch(keys.map((key) => this.scope(key)), options);
    return stream.pipeThrough(
      new TransformStream<
        Deno.KvEntryMaybe<unknown>[],
        Deno.KvEntryMaybe<unknown>[]
      >({
        transform: (entries, controller) =>
          controller.enqueue(entries.map((entry) => this.#entry(entry))),
      }),
    );
  }

  enqueue(
    value: unknown,
    options?: { delay?: number; keysIfUndelivered?: Deno.KvKey[] },
  ) {
    return this.#kv.enqueue(value, {
      ...options,
      keysIfUndelivered: options?.keysIfUndelivered?.map((key) =>
        this.scope(key)
      ),
    });
  }

  /** The view shares its store; closing it is the store owner's job. */
  close(): void {}
}

class ProductionListIterator<T>
  implements AsyncIterableIterator<Deno.KvEntry<T>> {
  #iter: Deno.KvListIterator<T>;
  #view: ProductionKv;

  constructor(iter: Deno.KvListIterator<T>, view: ProductionKv) {
    this.#iter = iter;
    this.#view = view;
  }

  /** Where a later list with the same selector resumes. */
  get cursor(): string {
    return this.#iter.cursor;
  }

  async next(): Promise<IteratorResult<Deno.KvEntry<T>, undefined>> {
    const result = await this.#iter.next();
    if (result.done) return { done: true, value: undefined };
    const key = this.#view.unscope(result.value.key);
    return { done: false, value: { ...result.value, key } };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

class ProductionAtomic {
  #op: Deno.AtomicOperation;
  #view: ProductionKv;

  constructor(op: Deno.AtomicOperation, view: ProductionKv) {
    this.#op = op;
    this.#view = view;
  }

  check(...checks: Deno.AtomicCheck[]) {
    this.#op.check(
      ...checks.map((c) => ({ ...c, key: this.#view.scope(c.key) })),
    );
    return this;
  }

  mutate(...mutations: Deno.KvMutation[]) {
    this.#op.mutate(
      ...mutations.map((m) => ({ ...m, key: this.#view.scope(m.key) })),
    );
    return this;
  }

  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }) {
    this.#op.set(this.#view.scope(key), value, options);
    return this;
  }

  delete(key: Deno.KvKey) {
    this.#op.delete(this.#view.scope(key));
    return this;
  }

  sum(key: Deno.KvKey, n: bigint) {
    this.#op.sum(this.#view.scope(key), n);
    return this;
  }

  min(key: Deno.KvKey, n: bigint) {
    this.#op.min(this.#view.scope(key), n);
    return this;
  }

  max(key: Deno.KvKey, n: bigint) {
    this.#op.max(this.#view.scope(key), n);
    return this;
  }

  enqueue(
    value: unknown,
    options?: { delay?: number; keysIfUndelivered?: Deno.KvKey[] },
  ) {
    this.#op.enqueue(value, {
      ...options,
      keysIfUndelivered: options?.keysIfUndelivered?.map((key) =>
        this.#view.scope(key)
      ),
    });
    return this;
  }

  commit() {
    return this.#op.commit();
  }
}
