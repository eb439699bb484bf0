import { BroadcastChannelBus, type Bus, KvWatchBus } from "@/realtime/bus.ts";
import type { HubOptions } from "@/realtime/hub.ts";
import { Hubs } from "@/realtime/hubs.ts";
import { typingAudience } from "./typing_audience.ts";
import { TokenSigner } from "@/lib/auth/jwt.ts";
import { AuthService } from "@/lib/auth/session.ts";
import type { Config } from "@/lib/config.ts";
import { scheduleOrphanSweep } from "@/lib/assets/orphan_sweep.ts";
import { UploadObservers } from "@/lib/assets/upload_progress.ts";
import {
  DEFAULT_EVENT_RETENTION_HOURS,
  setEventRetention,
} from "@/lib/store/event_log.ts";
import { sweepStoreHistoryPurges } from "@/lib/store/history.ts";
import { openKv } from "@/lib/store/kv.ts";
import { migrate, STORE_MIGRATIONS } from "@/lib/store/migrations.ts";
import { productionKv, STUDIO_LOG_ID } from "@/lib/store/production_kv.ts";
import { PRODUCTION_ID, productions } from "@/lib/production/store.ts";

/** Everything request handlers need, created once at start. */
export interface Services {
  config: Config;
  /** The whole store: the studio's keys and every production's. */
  store: Deno.Kv;
  /**
   * The view of the store (lib/store/production_kv.ts) of the production
   * {@linkcode PRODUCTION_ID}: the one a store from before productions
   * became, where the demo feature film is seeded. Requests use the view
   * of the production they are about (`ctx.state.kv`), never this one.
   */
  kv: Deno.Kv;
  auth: AuthService;
  /** The realtime hubs of this instance, one per production in use. */
  hub: Hubs;
  /** Who watches uploads in this instance (the hub, for "upload" frames). */
  uploads: UploadObservers;
  /** The services' clock: the time each request's service context gets. */
  now: () => Date;
  /** Stops the hub and closes the store. */
  close(): Promise<void>;
}

/** Overrides for tests and benchmarks. */
export interface ServiceOptions {
  /** Hub tunables (caps, timers). */
  hub?: Partial<Omit<HubOptions, "kv" | "auth" | "bus">>;
  /** A bus to use instead of the configured one. */
  bus?: Bus;
  /** A clock for the services instead of the real one (tests fix time). */
  now?: () => Date;
}

const SECRET_KEY: Deno.KvKey = ["config", "jwt_secret"];

/**
 * Opens the store, brings its layout up to date (lib/store/migrations.ts)
 * and builds the services. Without `JWT_SECRET` (only allowed in
 * development) a random 256-bit secret is generated once and kept in KV,
 * so restarts keep everyone signed in.
 */
export async function openServices(
  config: Config,
  options: ServiceOptions = {},
): Promise<Services> {
  const store = await openKv(config.kvPath);
  try {
    await upToDate(store);
  } catch (error) {
    store.close();
    throw error;
  }
  const kv = productionKv(store, PRODUCTION_ID);
  setEventRetention(
    store,
    config.eventRetentionHours ?? DEFAULT_EVENT_RETENTION_HOURS,
  );
  const views = async () =>
    (await productions.list(store)).map((p) => productionKv(store, p.id));
  // Finishes history purges a crashed process left (lib/store/history.ts),
  // in whichever production they are, in the register or not.
  await sweepStoreHistoryPurges(store);
  const secret = config.jwtSecret !== undefined
    ? new TextEncoder().encode(config.jwtSecret)
    : await developmentSecret(kv);
  // Sign-in is the studio's: its events (a session that ended) go to the
  // studio's log, which every instance's hubs follow (realtime/hubs.ts).
  const auth = new AuthService(studioLog(store), new TokenSigner(secret), {
    loginFailuresPerAddress: config.loginFailuresPerAddress,
  });
  const bus = options.bus ??
    (config.bus === "broadcast"
      ? new BroadcastChannelBus()
      : new KvWatchBus(store));
  const hub = new Hubs({
    store,
    auth,
    bus,
    handshakesPerMinute: config.wsHandshakesPerMinute,
    perProduction: (productionId) => ({
      typingAudience: (target) =>
        typingAudience(productionKv(store, productionId), target),
    }),
    ...options.hub,
  });
  await hub.start();
  const uploads = new UploadObservers();
  const stopProgress = uploads.observe((p) =>
    hub.shareUpload(p.productionId, {
      uploadId: p.uploadId,
      uploader: p.uploader,
      name: p.name,
      bytes: p.bytes,
      total: p.total,
      phase: p.phase,
    }).catch(() => {})
  );
  const stopSweep = scheduleOrphanSweep(views);
  let closed = false;
  return {
    config,
    store,
    kv,
    auth,
    hub,
    uploads,
    now: options.now ?? (() => new Date()),
    async close() {
      // Idempotent: a test's finally may close what its body closed already.
      if (closed) return;
      closed = true;
      stopProgress();
      stopSweep();
      await hub.shutdown();
      store.close();
    },
  };
}

/** Migrates the store; refuses one written by a newer version of the app. */
async function upToDate(store: Deno.Kv): Promise<void> {
  const version = await migrate(store, STORE_MIGRATIONS);
  const known = STORE_MIGRATIONS.at(-1)?.version ?? 0;
  if (version > known) {
    throw new Error(
      `The store has layout version ${version}; this version of ProdSight ` +
        `knows up to ${known}. Run the newer version, or another store.`,
    );
  }
}

/** The studio's view of the store: studio keys, and the studio's own log. */
function studioLog(store: Deno.Kv): Deno.Kv {
  return productionKv(store, STUDIO_LOG_ID);
}

async function developmentSecret(kv: Deno.Kv): Promise<Uint8Array> {
  const existing = await kv.get<Uint8Array>(SECRET_KEY);
  if (existing.value !== null) return existing.value;
  const secret = crypto.getRandomValues(new Uint8Array(32));
  // Two instances starting together must agree on one secret.
  const result = await kv.atomic().check({
    key: SECRET_KEY,
    versionstamp: null,
  })
    .set(SECRET_KEY, secret).commit();
  if (result.ok) return secret;
  return (await kv.get<Uint8Array>(SECRET_KEY)).value!;
}
