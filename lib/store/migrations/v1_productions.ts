/**
 * Store version 1: the production becomes the unit of everything (DESIGN
 * §6). A store written before it holds one production's data at `[c,
 * ...rest]`; this step moves every key of a production collection (every
 * collection not in {@linkcode STUDIO_COLLECTIONS}) to `[c, productionId,
 * ...rest]`, where {@linkcode productionKv} reads it, with its value.
 * Studio keys stay.
 *
 * Old and new keys share each collection's prefix, and an old key may look
 * like a new one: `["production", "current"]` is an old key, but also the
 * shape of a moved `["production"]`. So the moves go in three phases, each
 * of which lists only keys that are certainly old, or certainly staged:
 *
 * 1. Keys that may be mistaken for moved ones — `[c]`, `[c, id]` and
 *    `[c, id, ...]` — are staged under the step's scratch key first, and a
 *    marker says when that is done. Until then no key has been moved into
 *    `[c, id, ...]`, so everything found there is old.
 * 2. Every other key of `c` lies outside `[c, id, ...]`, where nothing is
 *    moved to: listed and moved directly.
 * 3. The staged keys move to their places.
 *
 * Each batch copies and deletes in one commit, so no key is ever in two
 * places or none, and an interrupted run resumes where it stopped. Keys
 * that expire (events, dismissals, upload marks) keep about the life they
 * had left (v1_expiry.ts).
 *
 * @module
 */
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import { eventRetentionMs } from "@/lib/store/event_log.ts";
import { approximateSize } from "@/lib/store/kv.ts";
import { expiryOf } from "./v1_expiry.ts";
import type { MigrationLease, MigrationStep } from "@/lib/store/migrations.ts";
import { STUDIO_COLLECTIONS } from "@/lib/store/production_kv.ts";

/** Options of {@linkcode scopeProductionCollections}. */
export interface ScopeOptions {
  /** The production the store's data becomes; default {@linkcode PRODUCTION_ID}. */
  productionId?: string;
  /** How long events are kept (ms); default the store's configured retention. */
  eventRetentionMs?: number;
  /** Keys moved per commit, at most; default 400 (801 mutations). */
  batchKeys?: number;
  /** Approximate bytes per commit, at most; default 512 KiB (limit 800). */
  batchBytes?: number;
}

/** The step that moves a single-production store's data under its id. */
export function scopeProductionCollections(
  options: ScopeOptions = {},
): MigrationStep {
  const pid = options.productionId ?? PRODUCTION_ID;
  const scoped = (
    key: Deno.KvKey,
  ): Deno.KvKey => [key[0], pid, ...key.slice(1)];
  return {
    version: 1,
    name: "scope_production_collections",
    async run(kv, lease) {
      // Set ("staged") once phase 1 is complete.
      const phaseKey: Deno.KvKey = [...lease.scratch, "phase"];
      const stage: Deno.KvKey = [...lease.scratch, "stage"];
      const mover = new Mover(kv, lease, {
        retentionMs: options.eventRetentionMs ?? eventRetentionMs(kv),
        keys: options.batchKeys ?? 400,
        bytes: options.batchBytes ?? 512 * 1024,
      });
      if ((await kv.get(phaseKey)).value !== "staged") {
        for await (const c of productionCollections(kv)) {
          for (const entry of await kv.getMany([[c], [c, pid]])) {
            if (entry.versionstamp !== null) {
              await mover.move(c, entry, [...stage, ...entry.key]);
            }
          }
          for await (const entry of kv.list({ prefix: [c, pid] })) {
            await mover.move(c, entry, [...stage, ...entry.key]);
          }
        }
        await mover.flush((op) => op.set(phaseKey, "staged"));
      }
      for await (const c of productionCollections(kv)) {
        // Around [c, pid, ...]: before it, and from the first key after it.
        const around = [{ prefix: [c], end: [c, pid] }, {
          prefix: [c],
          start: [c, `${pid}\0`],
        }];
        for (const selector of around) {
          for await (const entry of kv.list(selector)) {
            await mover.move(c, entry, scoped(entry.key));
          }
        }
      }
      for await (const entry of kv.list({ prefix: stage })) {
        const key = entry.key.slice(stage.length);
        await mover.move(String(key[0]), entry, scoped(key));
      }
      await mover.flush();
    },
  };
}

/**
 * The first key parts of the store that name production collections, in
 * key order; each found by one short list, so a collection's many keys are
 * not walked to find the next.
 */
async function* productionCollections(kv: Deno.Kv): AsyncGenerator<string> {
  let start: Deno.KvKey = [""];
  for (;;) {
    const [first] = await Array.fromAsync(
      kv.list({ prefix: [], start }, { limit: 1 }),
    );
    const head = first?.key[0];
    // Strings sort before numbers and booleans; bytes sort before [""].
    if (typeof head !== "string") return;
    if (!STUDIO_COLLECTIONS.has(head)) yield head;
    // The least key after every [head, ...]: an escaped NUL sorts after
    // any next key part.
    start = [`${head}\0`];
  }
}

/** Moves keys in batches, each one commit within the KV limits. */
class Mover {
  #batch: {
    expireIn?: number;
    entry: Deno.KvEntry<unknown>;
    to: Deno.KvKey;
  }[] = [];
  #bytes = 0;

  constructor(
    readonly kv: Deno.Kv,
    readonly lease: MigrationLease,
    readonly limits: { retentionMs: number; keys: number; bytes: number },
  ) {}

  /** Moves `entry` of `collection` to `to`, keeping its expiry (expiryOf). */
  async move(
    collection: string,
    entry: Deno.KvEntry<unknown>,
    to: Deno.KvKey,
  ): Promise<void> {
    // The key twice (set, delete) and the value once.
    const bytes = 2 * approximateSize(entry.key) + approximateSize(to) +
      approximateSize(entry.value);
    if (this.#bytes + bytes > this.limits.bytes) await this.flush();
    const expireIn = expiryOf(
      collection,
      entry.value,
      Date.now(),
      this.limits.retentionMs,
    );
    this.#batch.push({ expireIn, entry, to });
    this.#bytes += bytes;
    if (this.#batch.length >= this.limits.keys) await this.flush();
  }

  /** Commits the batch (with `also`'s writes; even an empty batch then). */
  async flush(also?: (op: Deno.AtomicOperation) => void): Promise<void> {
    if (this.#batch.length === 0 && also === undefined) return;
    const op = this.kv.atomic();
    for (const { expireIn, entry, to } of this.#batch) {
      op.set(to, entry.value, { expireIn }).delete(entry.key);
    }
    also?.(op);
    const result = await this.lease.commit(op);
    if (!result.ok) throw new Error("scope_production_collections: refused");
    this.#batch = [];
    this.#bytes = 0;
  }
}
