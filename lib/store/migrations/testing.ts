/**
 * Test helpers for store migrations: the pre-productions fixture copied to
 * a temporary file, a snapshot of every key, and a KV wrapper that records
 * each atomic commit's size and can fail one.
 *
 * @module
 */
import assert from "node:assert/strict";
import { approximateSize } from "@/lib/store/kv.ts";
import { STUDIO_COLLECTIONS } from "@/lib/store/production_kv.ts";

const TESTDATA = new URL("../testdata/", import.meta.url);

/** What `pre_productions_inventory.json` records of the fixture. */
export interface Inventory {
  productionId: string;
  keys: number;
  expiring: number;
  prefixes: Record<string, number>;
}

/** The fixture's inventory. */
export async function fixtureInventory(): Promise<Inventory> {
  return JSON.parse(
    await Deno.readTextFile(
      new URL("pre_productions_inventory.json", TESTDATA),
    ),
  );
}

/**
 * A copy of the pre-productions fixture in a temporary folder: its path,
 * and `dispose` to remove it.
 */
export async function copyFixture(): Promise<
  { path: string; dispose: () => Promise<void> }
> {
  const dir = await Deno.makeTempDir({ prefix: "prodsight_migration_" });
  const path = `${dir}/store.sqlite`;
  await Deno.copyFile(new URL("pre_productions.sqlite", TESTDATA), path);
  return { path, dispose: () => Deno.remove(dir, { recursive: true }) };
}

/** Every entry of the store, keyed by its key's JSON (bigint-safe). */
export async function snapshot(
  kv: Deno.Kv,
): Promise<Map<string, Deno.KvEntry<unknown>>> {
  const out = new Map<string, Deno.KvEntry<unknown>>();
  for await (const entry of kv.list({ prefix: [] })) {
    out.set(keyId(entry.key), entry);
  }
  return out;
}

/** A key as a string, for maps and messages. */
export function keyId(key: Deno.KvKey): string {
  return JSON.stringify(
    key,
    (_k, v) => typeof v === "bigint" ? `${v}n` : v,
  );
}

/** The size of one recorded commit. */
export interface CommitSize {
  checks: number;
  mutations: number;
  bytes: number;
}

/** Options of {@linkcode recordCommits}. */
export interface RecordOptions {
  /** Fail the commit with this number (1-based) … */
  failAt?: number;
  /** … after it is written (a crash before the caller hears of it). */
  afterWrite?: boolean;
  /** … and every later one: the process died (it leaves its lease). */
  dies?: boolean;
}

/**
 * Wraps `kv` so every atomic commit is counted and sized; `failAt` makes
 * that commit throw, as an error or a process dying there would stop.
 */
export function recordCommits(kv: Deno.Kv, options: RecordOptions = {}) {
  const commits: CommitSize[] = [];
  const atomic = () => {
    const op = kv.atomic();
    const size: CommitSize = { checks: 0, mutations: 0, bytes: 0 };
    const count = (key: Deno.KvKey, value?: unknown) => {
      size.mutations++;
      size.bytes += approximateSize(key) + approximateSize(value);
    };
    const wrapper = {
      check(...checks: Deno.AtomicCheck[]) {
        size.checks += checks.length;
        op.check(...checks);
        return wrapper;
      },
      set(key: Deno.KvKey, value: unknown, o?: { expireIn?: number }) {
        count(key, value);
        op.set(key, value, o);
        return wrapper;
      },
      delete(key: Deno.KvKey) {
        count(key);
        op.delete(key);
        return wrapper;
      },
      async commit() {
        commits.push(size);
        const n = commits.length;
        const { failAt = Infinity, dies = false } = options;
        if (dies && n > failAt) throw new Error(`dead at commit ${n}`);
        if (n === failAt && !options.afterWrite) {
          throw new Error(`injected failure before commit ${n}`);
        }
        const result = await op.commit();
        if (n === failAt) {
          throw new Error(`injected failure after commit ${n}`);
        }
        return result;
      },
    };
    return wrapper as unknown as Deno.AtomicOperation;
  };
  const wrapped = new Proxy(kv, {
    get: (target, prop) =>
      prop === "atomic" ? atomic : Reflect.get(target, prop, target),
  });
  return { kv: wrapped, commits };
}

/**
 * Asserts the store is `before` migrated: each production key at `[c, pid,
 * ...rest]` with its value, each studio key as it was (same versionstamp),
 * the version 1, and nothing else.
 */
export async function assertMigrated(
  kv: Deno.Kv,
  before: Map<string, Deno.KvEntry<unknown>>,
  pid: string,
): Promise<void> {
  const after = await snapshot(kv);
  for (const entry of before.values()) {
    const studio = STUDIO_COLLECTIONS.has(String(entry.key[0]));
    const key = studio ? entry.key : [entry.key[0], pid, ...entry.key.slice(1)];
    const moved = after.get(keyId(key));
    assert.ok(moved, `${keyId(entry.key)} is at ${keyId(key)}`);
    assert.deepEqual(moved.value, entry.value, keyId(key));
    if (studio) assert.equal(moved.versionstamp, entry.versionstamp);
  }
  assert.equal(after.get(keyId(["store_version"]))?.value, 1);
  assert.equal(after.size, before.size + 1, "no key lost, none added");
}
