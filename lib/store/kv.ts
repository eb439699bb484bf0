import { dirname } from "node:path";
import { CommitTooLargeError } from "./errors.ts";

/**
 * The strictest atomic-commit limits among the KV backends ProdSight runs
 * on: self-hosted denokv allows 10 checks (local SQLite 100), and denokv
 * and Deno Deploy allow 1,000 mutations and 800 KiB per commit. A commit
 * within these works everywhere.
 */
export const COMMIT_LIMITS = Object.freeze({
  checks: 10,
  mutations: 1_000,
  bytes: 800 * 1024,
});

/**
 * Opens Deno KV: `:memory:`, a file path (its folder is created; opening
 * waits out another process's lock on it), a denokv URL, or, with no path,
 * the platform default (hosted KV on Deno Deploy).
 * Every atomic commit made through it is held to {@linkcode COMMIT_LIMITS}
 * (see {@linkcode limitKv}).
 */
export async function openKv(path?: string): Promise<Deno.Kv> {
  if (path === undefined || path === "") return limitKv(await Deno.openKv());
  if (path !== ":memory:" && !/^https?:\/\//.test(path)) {
    await Deno.mkdir(dirname(path), { recursive: true });
    // Workers starting together on a new file race to create its tables;
    // the loser finds it locked for a moment.
    return limitKv(await retryLocked(() => Deno.openKv(path)));
  }
  return limitKv(await Deno.openKv(path));
}

/**
 * Wraps `kv` so that every atomic commit is checked against
 * {@linkcode COMMIT_LIMITS} before it is sent: a commit the strictest
 * backend would refuse throws {@linkcode CommitTooLargeError} naming the
 * code that built it, on every backend, so a seed or import that grows past
 * the limit fails in development and tests, not first in production.
 *
 * Writes that find the database file locked by another process or worker
 * (SQLite, several `deno serve --parallel` workers on one file) are retried
 * with jittered backoff instead of failing.
 */
export function limitKv(kv: Deno.Kv): Deno.Kv {
  const bound = new Map<PropertyKey, unknown>();
  const overrides: Partial<Record<keyof Deno.Kv, unknown>> = {
    atomic: () => new LimitedAtomic(kv.atomic()),
    set: (key: Deno.KvKey, value: unknown, options?: { expireIn?: number }) =>
      retryLocked(() => kv.set(key, value, options)),
    delete: (key: Deno.KvKey) => retryLocked(() => kv.delete(key)),
  };
  return new Proxy(kv, {
    get(target, prop) {
      if (prop in overrides) return overrides[prop as keyof Deno.Kv];
      let value = bound.get(prop);
      if (value === undefined) {
        value = Reflect.get(target, prop, target);
        // Deno.Kv's methods need the real object as `this`.
        if (typeof value === "function") value = value.bind(target);
        bound.set(prop, value);
      }
      return value;
    },
  });
}

/**
 * Mutations a commit may carry without its size being counted: every
 * backend refuses a key over 2 KiB and a value over 64 KiB on its own, so
 * six of them stay under half of {@linkcode COMMIT_LIMITS}' 800 KiB. Most
 * commits (a record, an index entry or two, an event and the log's head)
 * are this small, and counting them cost a JSON encoding per mutation.
 */
const UNCOUNTED_MUTATIONS = 6;

/** An atomic operation that counts what it carries and checks the limits. */
class LimitedAtomic {
  #op: Deno.AtomicOperation;
  #checks = 0;
  /** Key and value of each mutation, sized only if there are many. */
  #mutations: unknown[] = [];

  constructor(op: Deno.AtomicOperation) {
    this.#op = op;
  }

  check(...checks: Deno.AtomicCheck[]): this {
    this.#checks += checks.length;
    this.#op.check(...checks);
    return this;
  }

  mutate(...mutations: Deno.KvMutation[]): this {
    for (const m of mutations) {
      this.#count(m.key, "value" in m ? m.value : undefined);
    }
    this.#op.mutate(...mutations);
    return this;
  }

  sum(key: Deno.KvKey, n: bigint): this {
    this.#count(key, n);
    this.#op.sum(key, n);
    return this;
  }

  min(key: Deno.KvKey, n: bigint): this {
    this.#count(key, n);
    this.#op.min(key, n);
    return this;
  }

  max(key: Deno.KvKey, n: bigint): this {
    this.#count(key, n);
    this.#op.max(key, n);
    return this;
  }

  set(key: Deno.KvKey, value: unknown, options?: { expireIn?: number }): this {
    this.#count(key, value);
    this.#op.set(key, value, options);
    return this;
  }

  delete(key: Deno.KvKey): this {
    this.#count(key, undefined);
    this.#op.delete(key);
    return this;
  }

  enqueue(
    value: unknown,
    options?: Parameters<Deno.AtomicOperation["enqueue"]>[1],
  ): this {
    this.#count([], value);
    this.#op.enqueue(value, options);
    return this;
  }

  commit(): Promise<Deno.KvCommitResult | Deno.KvCommitError> {
    const mutations = this.#mutations.length / 2;
    const bytes = mutations <= UNCOUNTED_MUTATIONS ? 0 : this.#bytes();
    const over = this.#checks > COMMIT_LIMITS.checks
      ? `${this.#checks} checks (at most ${COMMIT_LIMITS.checks})`
      : mutations > COMMIT_LIMITS.mutations
      ? `${mutations} mutations (at most ${COMMIT_LIMITS.mutations})`
      : bytes > COMMIT_LIMITS.bytes
      ? `about ${bytes} bytes (at most ${COMMIT_LIMITS.bytes})`
      : null;
    if (over !== null) {
      return Promise.reject(new CommitTooLargeError(over, operationName()));
    }
    return retryLocked(() => this.#op.commit());
  }

  #count(key: Deno.KvKey, value: unknown) {
    this.#mutations.push(key, value);
  }

  #bytes(): number {
    let bytes = 0;
    for (const part of this.#mutations) bytes += approximateSize(part);
    return bytes;
  }
}

/** The serialised size of a key or value, closely enough for a limit. */
export function approximateSize(value: unknown): number {
  if (value === undefined) return 0;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === "string") return value.length;
  if (typeof value === "bigint") return 8;
  const json = JSON.stringify(
    value,
    (_k, v) =>
      typeof v === "bigint"
        ? String(v)
        : v instanceof Uint8Array
        ? "x".repeat(v.byteLength)
        : v,
  );
  return json?.length ?? 0;
}

/**
 * The function that built the commit: the first frame of the stack outside
 * the store's own plumbing, e.g. `seedTasks (lib/tasks/seed.ts:40:11)`.
 */
function operationName(): string {
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  const own = /\/lib\/store\/(kv|transaction|repository|history)\.ts/;
  const frame = frames.find((f) => !own.test(f) && /\bat\b/.test(f));
  return frame?.trim().replace(/^at (async )?/, "") ?? "unknown";
}

const LOCKED_ATTEMPTS = 50;

/** Runs a write again while SQLite reports the database locked. */
async function retryLocked<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await write();
    } catch (error) {
      const locked = error instanceof Error &&
        /database is locked/i.test(error.message);
      if (!locked || attempt >= LOCKED_ATTEMPTS) throw error;
      const cap = Math.min(200, 2 ** Math.min(attempt, 8));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
    }
  }
}
