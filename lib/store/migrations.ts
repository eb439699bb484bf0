/**
 * Versioned store migrations (DESIGN §6: "store upgrades are versioned
 * migrations that run once"). `["store_version"]` holds the version of the
 * store's layout (absent: 0, the layout before versions); each
 * {@linkcode MigrationStep} takes it one version further. Several processes
 * may start on one store at once (the workers of `deno serve --parallel`,
 * instances on a shared KV): one of them takes a lease and runs the step;
 * the others wait until the version moves, or take over when the lease
 * lapses because its holder died. A step may therefore be cut off at any
 * commit and run again from the start, by this process or another: every
 * step must be re-runnable, and every one of its commits goes through the
 * lease ({@linkcode MigrationLease.commit}), so a holder that lost the lease
 * cannot write any more.
 *
 * Run {@linkcode migrate} before anything else reads or writes the store.
 * Instances of the previous version must be stopped first: they would keep
 * writing the old layout.
 *
 * @module
 */
import { scopeProductionCollections } from "./migrations/v1_productions.ts";
import { membershipsFromRoles } from "./migrations/v2_memberships.ts";
import { productionRegister } from "./migrations/v3_production_register.ts";
import { elementsFromTags } from "./migrations/v4_elements.ts";

/** The store's layout version (a number; absent on stores before it). */
export const STORE_VERSION_KEY: Deno.KvKey = ["store_version"];
/** Who runs a migration step now, and until when. */
export const MIGRATION_LEASE_KEY: Deno.KvKey = ["store_migration", "lease"];

/** Where each step keeps its progress ({@linkcode MigrationLease.scratch}). */
export const MIGRATION_SCRATCH_KEY: Deno.KvKey = ["store_migration", "scratch"];

/**
 * The store's layout history, oldest first: what the app gives
 * {@linkcode migrate} at start.
 */
export const STORE_MIGRATIONS: readonly MigrationStep[] = [
  scopeProductionCollections(),
  membershipsFromRoles(),
  productionRegister(),
  elementsFromTags(),
];

/** One step of the store's layout history. */
export interface MigrationStep {
  /** The store's version once the step has run (1, 2, …, increasing). */
  version: number;
  /** What the step does, for logs and errors. */
  name: string;
  /**
   * Does the step; re-runnable after an interruption at any commit. Each
   * commit goes through `lease.commit`, which adds one check and one
   * mutation: a step's own commits stay within 9 checks, 999 mutations.
   */
  run(kv: Deno.Kv, lease: MigrationLease): Promise<void>;
}

/** The running step's hold on the store. */
export interface MigrationLease {
  /**
   * Where the step keeps its progress markers: they outlive an interrupted
   * run, and are deleted once the store's version reaches the step's.
   */
  scratch: Deno.KvKey;
  /**
   * Commits `op` with a check that the lease is still held and its renewal;
   * throws {@linkcode LeaseLostError} when another process holds it now.
   */
  commit(
    op: Deno.AtomicOperation,
  ): Promise<Deno.KvCommitResult | Deno.KvCommitError>;
}

/** Another process took over the step (this one was too slow or stalled). */
export class LeaseLostError extends Error {
  /** Creates the error. */
  constructor() {
    super("The migration lease passed to another process");
    this.name = "LeaseLostError";
  }
}

/** Options of {@linkcode migrate}. */
export interface MigrateOptions {
  /** A holder silent this long loses the lease (ms); default 30 s. */
  leaseMs?: number;
  /** Give up waiting for another process's step after this long (ms); 10 min. */
  waitMs?: number;
  /** How often a waiter looks again (ms); default 100. */
  pollMs?: number;
}

interface Lease {
  owner: string;
  version: number;
  until: number;
}

/**
 * Brings the store to the last step's version: runs each step above the
 * stored version once, in order, whichever process gets to it. Resolves
 * with the store's version (higher than the last step's when a newer
 * version wrote the store: the caller decides whether to go on); throws
 * when a step is waited for longer than `waitMs`, or with the error of a
 * step this process ran (having released the lease, so a retry need not
 * wait for it to lapse).
 */
export async function migrate(
  kv: Deno.Kv,
  steps: readonly MigrationStep[],
  options: MigrateOptions = {},
): Promise<number> {
  const { leaseMs = 30_000, waitMs = 600_000, pollMs = 100 } = options;
  let last = 0;
  for (const step of steps) {
    if (!Number.isInteger(step.version) || step.version <= last) {
      throw new TypeError(`Migration "${step.name}": versions must increase`);
    }
    last = step.version;
  }
  const owner = crypto.randomUUID();
  for (const step of steps) {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const [stored, held] = await kv.getMany<[number, Lease]>(
        [STORE_VERSION_KEY, MIGRATION_LEASE_KEY],
      );
      if ((stored.value ?? 0) >= step.version) break;
      if (held.value !== null && held.value.until > Date.now()) {
        if (Date.now() > deadline) {
          throw new Error(
            `Store migration "${step.name}" did not finish within ${waitMs} ms`,
          );
        }
        await new Promise((r) => setTimeout(r, pollMs * (0.5 + Math.random())));
        continue;
      }
      // Free, or lapsed: take it, if the version and lease are as just read.
      // Clocks only decide when a lease lapses: one that runs ahead takes
      // over early, and the holder's next commit fails its check.
      const lease = {
        owner,
        version: step.version,
        until: Date.now() + leaseMs,
      };
      const taken = await kv.atomic().check(stored, held)
        .set(MIGRATION_LEASE_KEY, lease).commit();
      if (!taken.ok) continue;
      if (await runHeld(kv, step, lease, taken.versionstamp, leaseMs)) break;
    }
  }
  const { value } = await kv.get<number>(STORE_VERSION_KEY);
  // Here, not in the step's last commit: its markers must outlive it until
  // the version moves, and a crash right after leaves them for next time.
  await clearScratch(kv, value ?? 0);
  return value ?? 0;
}

/** Runs `step` holding the lease; false when it passed to another process. */
async function runHeld(
  kv: Deno.Kv,
  step: MigrationStep,
  lease: Lease,
  versionstamp: string,
  leaseMs: number,
): Promise<boolean> {
  let stamp = versionstamp;
  const held = () => ({ key: MIGRATION_LEASE_KEY, versionstamp: stamp });
  const hold: MigrationLease = {
    scratch: [...MIGRATION_SCRATCH_KEY, step.version],
    async commit(op) {
      const renewed = { ...lease, until: Date.now() + leaseMs };
      const result = await op.check(held()).set(MIGRATION_LEASE_KEY, renewed)
        .commit();
      if (result.ok) {
        stamp = result.versionstamp;
        return result;
      }
      // The step's own checks may have failed; the lease's failing is ours.
      const now = await kv.get(MIGRATION_LEASE_KEY);
      if (now.versionstamp !== stamp) throw new LeaseLostError();
      return result;
    },
  };
  try {
    await step.run(kv, hold);
    const done = await kv.atomic().check(held())
      .set(STORE_VERSION_KEY, step.version)
      .delete(MIGRATION_LEASE_KEY).commit();
    if (!done.ok) return false;
  } catch (error) {
    if (error instanceof LeaseLostError) return false;
    // Released, so a retry (here or elsewhere) need not wait for it to
    // lapse. Read again: the failed commit may have been written after all.
    const now = await kv.get<Lease>(MIGRATION_LEASE_KEY).catch(() => null);
    if (now?.value?.owner === lease.owner) {
      await kv.atomic().check(now).delete(MIGRATION_LEASE_KEY).commit()
        .catch(() => {});
    }
    throw error;
  }
  return true;
}

/** Deletes the markers of the steps up to `version`, 500 per commit. */
async function clearScratch(kv: Deno.Kv, version: number): Promise<void> {
  const selector = {
    prefix: MIGRATION_SCRATCH_KEY,
    end: [...MIGRATION_SCRATCH_KEY, version + 1],
  };
  for (;;) {
    const done = await Array.fromAsync(kv.list(selector, { limit: 500 }));
    if (done.length === 0) return;
    const op = kv.atomic();
    for (const entry of done) op.delete(entry.key);
    await op.commit();
  }
}
