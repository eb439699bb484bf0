import { SessionEndedDataSchema } from "@/lib/auth/session_events.ts";
import {
  eventSeq,
  latestEventId,
  type StoredEvent,
} from "@/lib/store/event_log.ts";
import {
  productionKv,
  STUDIO_LOG_ID,
  studioKv,
} from "@/lib/store/production_kv.ts";
import { observeCommits } from "@/lib/store/transaction.ts";
import { membershipsOf } from "@/lib/team/members.ts";
import { Admission } from "./admission.ts";
import type { Bus, BusMessage, UploadData } from "./bus.ts";
import { type Clock, systemClock, type TimerId } from "./clock.ts";
import { logError } from "./frames.ts";
import { HomeRoom } from "./home_room.ts";
import { HomeSync } from "./home_sync.ts";
import { Hub, type HubOptions } from "./hub.ts";
import { hubLimits } from "./hub_options.ts";
import type { InstanceStats } from "./instance_stats.ts";
import { LogFollower } from "./log_follower.ts";
import { HubMetrics } from "./metrics.ts";

/** A hub with no socket for this long is stopped, ms. */
export const IDLE_HUB_MS = 5 * 60_000;

/** What every production's hub of an instance shares. */
export interface HubsOptions extends Omit<HubOptions, "kv" | "bus"> {
  /** The whole store; each hub gets its production's view of it. */
  store: Deno.Kv;
  /** The instance's one bus, for every production. */
  bus: Bus;
  /** Options of the hub of `productionId` (its typing audience, say). */
  perProduction?: (productionId: string) => Partial<HubOptions>;
}

/**
 * The realtime hubs of one instance, one per production (DESIGN §5: a
 * socket carries one production's events), made when a socket or the
 * status page first needs one. They share the instance's id, its caps
 * (handshakes per address, sockets per user across productions) and its
 * one bus: messages name their production and reach its hub only — except
 * a "log moved" wake-up, which also makes the others look at their logs,
 * as a watch may have folded their own wake-ups into it.
 *
 * Beside them: the studio's own log ({@linkcode STUDIO_LOG_ID}: sessions
 * that ended close their sockets in every production) and the home pages'
 * sockets ({@linkcode HomeRoom}).
 */
export class Hubs {
  readonly instanceId: string = crypto.randomUUID();
  #options: HubsOptions;
  #admission: Admission;
  #metrics = new HubMetrics();
  #hubs = new Map<string, Promise<Hub>>();
  /** Hubs that finished starting, by production. */
  #ready = new Map<string, Hub>();
  #listeners = new Map<string, (message: BusMessage) => void>();
  /** Since when each hub without sockets has had none (ms). */
  #idleSince = new Map<string, number>();
  #studioLog: LogFollower;
  #studioView: Deno.Kv;
  #clock: Clock;
  #timers: TimerId[] = [];
  #stopObserving: (() => void) | null = null;
  #stopped = false;
  /** The home pages' sockets of this instance. */
  readonly home: HomeRoom;
  /** What the home sockets would miss of folded wake-ups. */
  #homeSync: HomeSync;

  /** Call {@linkcode start} before use; production hubs start on first use. */
  constructor(options: HubsOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#admission = new Admission(hubLimits(options), this.#metrics);
    this.home = new HomeRoom(
      options.auth,
      (productionIds) => this.#homeSync.follow(productionIds),
      this.#clock,
    );
    const store = studioKv(options.store);
    this.#homeSync = new HomeSync({
      room: this.home,
      head: async (id) =>
        eventSeq(await latestEventId(productionKv(store, id))) ?? 0,
      memberships: async (accountId) =>
        (await membershipsOf(store, accountId)).map((m) => m.production.id),
      hasHub: (id) => this.#listeners.has(id),
    });
    this.#studioView = productionKv(studioKv(options.store), STUDIO_LOG_ID);
    this.#studioLog = new LogFollower(
      this.#studioView,
      (_, event) => this.#routeStudio(event),
    );
  }

  /** Follows the studio's log and listens to the bus. */
  async start(): Promise<void> {
    await this.#studioLog.start();
    this.#stopObserving = observeCommits(
      this.#studioView,
      (events) => this.#studioLog.accept(events),
    );
    this.#options.bus.subscribe((message) => this.#dispatch(message));
    const limits = hubLimits(this.#options);
    this.#timers.push(
      this.#clock.setInterval(() => {
        this.#studioLog.pull();
        // The safety net for the home sockets' hints too.
        this.#homeSync.logsMoved();
      }, limits.pollMs),
      this.#clock.setInterval(() => {
        const now = this.#clock.now();
        this.home.sweep(now);
        this.#stopIdle(now);
      }, limits.sweepMs),
    );
  }

  /**
   * Stops the hubs that have had no socket for {@linkcode IDLE_HUB_MS}: an
   * idle hub still polls its log and publishes presence and figures, and
   * a studio's slate would otherwise keep one per production ever opened.
   * A socket that attaches to a hub as it stops is closed with 1001 and
   * reconnects to a new one.
   */
  #stopIdle(now: number) {
    for (const [productionId, hub] of this.#ready) {
      if (hub.stats().connections > 0) {
        this.#idleSince.delete(productionId);
        continue;
      }
      const since = this.#idleSince.get(productionId);
      if (since === undefined) this.#idleSince.set(productionId, now);
      else if (now - since >= IDLE_HUB_MS) {
        this.#idleSince.delete(productionId);
        this.#ready.delete(productionId);
        this.#hubs.delete(productionId);
        hub.shutdown().catch(logError);
      }
    }
  }

  /** The hub of `productionId`, started. */
  hubFor(productionId: string): Promise<Hub> {
    if (this.#stopped) return Promise.reject(new Error("Hubs stopped"));
    let hub = this.#hubs.get(productionId);
    if (hub === undefined) {
      hub = this.#start(productionId);
      this.#hubs.set(productionId, hub);
      hub.catch(() => this.#hubs.delete(productionId));
    }
    return hub;
  }

  /**
   * Checks the instance's caps before an upgrade: handshakes per client
   * address per minute, sockets per user over every production. Throws a
   * 429 `ApiError`.
   */
  async admit(userId: string, address: string): Promise<void> {
    let open = 0;
    for (const hub of await this.#started()) open += hub.socketsOf(userId);
    this.#admission.check(open, address, this.#clock.now());
  }

  /** Tells the sockets of one production how an upload is going. */
  async shareUpload(productionId: string, data: UploadData): Promise<void> {
    (await this.hubFor(productionId)).shareUpload(data);
  }

  /** This instance's figures over every production. */
  stats(): InstanceStats {
    const all = [...this.#ready.values()].map((hub) => hub.stats());
    const sum = (pick: (s: InstanceStats) => number) =>
      all.reduce((n, s) => n + pick(s), 0);
    const byRole: Record<string, number> = {};
    for (const s of all) {
      for (const [role, n] of Object.entries(s.byRole)) {
        byRole[role] = (byRole[role] ?? 0) + n;
      }
    }
    return {
      instanceId: this.instanceId,
      connections: sum((s) => s.connections),
      users: sum((s) => s.users),
      byRole: byRole as InstanceStats["byRole"],
      cursor: all[0]?.cursor ?? "",
      online: sum((s) => s.online),
      eventsPerSecond: sum((s) => s.eventsPerSecond),
      deliveriesPerSecond: sum((s) => s.deliveriesPerSecond),
      replays: sum((s) => s.replays),
      resyncs: sum((s) => s.resyncs),
      slowCloses: sum((s) => s.slowCloses),
      rateLimitCloses: sum((s) => s.rateLimitCloses),
      refused: sum((s) => s.refused) + this.#metrics.refused,
    };
  }

  /** Closes every socket of every production with 1001. */
  async shutdown(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#studioLog.stop();
    this.#homeSync.stop();
    this.#stopObserving?.();
    for (const id of this.#timers) this.#clock.clear(id);
    this.home.shutdown();
    const hubs = await this.#started();
    await Promise.all(hubs.map((hub) => hub.shutdown()));
    this.#options.bus.close();
  }

  async #started(): Promise<Hub[]> {
    const settled = await Promise.allSettled(this.#hubs.values());
    return settled.flatMap((r) => r.status === "fulfilled" ? [r.value] : []);
  }

  async #start(productionId: string): Promise<Hub> {
    const { store, bus, perProduction, ...shared } = this.#options;
    const hub = new Hub({
      ...shared,
      ...perProduction?.(productionId),
      kv: productionKv(studioKv(store), productionId),
      instanceId: this.instanceId,
      onActivity: (id) => this.home.activity(id),
      admission: this.#admission,
      bus: {
        publish: (message) => bus.publish(message),
        subscribe: (listener) => this.#listeners.set(productionId, listener),
        close: () => this.#listeners.delete(productionId),
      },
    });
    await hub.start();
    this.#ready.set(productionId, hub);
    return hub;
  }

  #dispatch(message: BusMessage) {
    if (message.kind === "memberships") {
      const { accountId, productionId, member } = message;
      this.home.membershipChanged(accountId, productionId, member);
      // The watch names the latest change only: the others are read again.
      this.#homeSync.membershipsMoved();
      return;
    }
    if (message.kind !== "events") {
      this.#listeners.get(message.productionId)?.(message);
      return;
    }
    if (message.productionId === STUDIO_LOG_ID) this.#studioLog.pull();
    else this.#listeners.get(message.productionId)?.(message);
    // Productions with no hub here: their members' home pages, for this
    // log and for any other a folded wake-up did not name.
    this.#homeSync.logsMoved(
      message.productionId === STUDIO_LOG_ID ? undefined : message.productionId,
    );
    for (const [productionId, listener] of this.#listeners) {
      if (productionId !== message.productionId) {
        listener({ kind: "events", productionId });
      }
    }
  }

  /** An event of the studio's log: a session that ended closes its sockets. */
  #routeStudio(event: StoredEvent) {
    const ended = SessionEndedDataSchema.safeParse(event.data);
    if (event.type !== "session_ended" || !ended.success) return;
    this.home.endSession(ended.data.userId, ended.data.sessionId);
    for (const hub of this.#ready.values()) {
      try {
        hub.endSession(event);
      } catch (error) {
        logError(error);
      }
    }
  }
}
