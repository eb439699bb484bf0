import { settlesWithin } from "@/lib/deadline.ts";
import {
  eventId,
  eventSeq,
  isInternalEvent,
  type StoredEvent,
  StoredEventSchema,
} from "@/lib/store/event_log.ts";
import { productionOf } from "@/lib/store/production_kv.ts";
import { observeCommits } from "@/lib/store/transaction.ts";
import { Admission } from "./admission.ts";
import type { Bus, UploadData } from "./bus.ts";
import { type Clock, systemClock, type TimerId } from "./clock.ts";
import { Connection } from "./connection.ts";
import { applyUserUpdate, closeEndedSession, fanOut } from "./delivery.ts";
import { logError } from "./frames.ts";
import { type HubLimits, hubLimits, type HubOptions } from "./hub_options.ts";
import { ClientFrames } from "./inbound.ts";
import {
  type DeploymentStats,
  type InstanceStats,
  publishInstanceStats,
  readDeploymentStats,
  withdrawInstanceStats,
} from "./instance_stats.ts";
import { LogFollower } from "./log_follower.ts";
import { HubMetrics } from "./metrics.ts";
import { PresenceFeed } from "./presence_feed.ts";
import {
  CLOSE,
  type FrameUser,
  HEARTBEAT_MS,
  type ServerFrame,
} from "./protocol.ts";
import { replay } from "./replay.ts";
import { Rooms } from "./rooms.ts";
import { sweepSockets } from "./sweep.ts";
import { TypingRelay } from "./typing_relay.ts";

export type { HubOptions } from "./hub_options.ts";

/** Events that rode along on the bus, checked as the log's are; else null. */
function parseEvents(events: unknown[] | undefined): StoredEvent[] | null {
  if (events === undefined || events.length === 0) return null;
  const parsed: StoredEvent[] = [];
  for (const event of events) {
    const result = StoredEventSchema.safeParse(event);
    if (!result.success) return null;
    parsed.push(result.data);
  }
  return parsed;
}

/** How long shutdown waits for this instance's presence record to go, ms. */
const WITHDRAW_DEADLINE_MS = 2_000;
/** How long shutdown waits for clients to answer the 1001 close, ms. */
const CLOSE_DEADLINE_MS = 1_000;

/**
 * The realtime hub of one instance: holds the sockets, follows the event
 * log from its cursor, and routes each event to the sockets its audience
 * admits, at most once each, serialised once per event. The parts live
 * beside it: admission caps (admission.ts), the sockets' rooms (rooms.ts),
 * following the log (log_follower.ts), live delivery (delivery.ts), resume
 * (replay.ts), presence (presence_feed.ts), client frames (inbound.ts,
 * typing_relay.ts) and the periodic sweep (sweep.ts).
 */
export class Hub {
  readonly instanceId: string;
  readonly metrics = new HubMetrics();
  /** The production whose events and presence this hub carries. */
  readonly productionId: string;
  #kv: Deno.Kv;
  #bus: Bus;
  #options: HubLimits;
  #clock: Clock;
  #rooms = new Rooms();
  #admission: Admission;
  #log: LogFollower;
  #presence: PresenceFeed;
  #frames: ClientFrames;
  #timers: TimerId[] = [];
  #stopObserving: (() => void) | null = null;
  #started = false;
  #stopped = false;
  #allClosed: (() => void) | null = null;
  #onActivity: ((productionId: string) => void) | undefined;

  /** Creates a hub; call {@linkcode start} before attaching sockets. */
  constructor(options: HubOptions) {
    this.#kv = options.kv;
    this.productionId = productionOf(options.kv) ?? "";
    this.instanceId = options.instanceId ?? crypto.randomUUID();
    this.#bus = options.bus;
    this.#onActivity = options.onActivity;
    this.#clock = options.clock ?? systemClock;
    const o = this.#options = hubLimits(options);
    this.#admission = options.admission ?? new Admission(o, this.metrics);
    this.#log = new LogFollower(this.#kv, (seq, e) => this.#route(seq, e));
    this.#presence = new PresenceFeed({
      kv: this.#kv,
      instanceId: this.instanceId,
      productionId: this.productionId,
      bus: this.#bus,
      rooms: this.#rooms,
      clock: this.#clock,
      debounceMs: o.presenceDebounceMs,
    });
    this.#frames = new ClientFrames({
      auth: options.auth,
      metrics: this.metrics,
      typing: new TypingRelay({
        rooms: this.#rooms,
        clock: this.#clock,
        windowMs: o.typingThrottleMs,
        // Which records exist is the composition's knowledge, not the
        // hub's: without it, typing is relayed to no one.
        audience: options.typingAudience ?? (() => Promise.resolve(null)),
      }),
    });
  }

  /** Reads the log head and starts following the log. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#log.start();
    this.#stopObserving = observeCommits(this.#kv, (events) => {
      this.#log.accept(events);
      this.#bus.publish({
        kind: "events",
        productionId: this.productionId,
        headId: events.at(-1)!.id,
      });
    });
    this.#bus.subscribe((message) => {
      if (message.productionId !== this.productionId) return;
      if (message.kind === "presence") this.#presence.refresh();
      else if (message.kind === "upload") {
        this.#broadcast({ type: "upload", data: message.data });
      } else if (
        message.kind === "events" &&
        (message.headId === undefined ||
          (eventSeq(message.headId) ?? 0) > this.#log.seq)
      ) {
        // Another instance's commit: its events, when they rode along,
        // follow on from the cursor without a read of the log (a gap still
        // reads it); else the log is read.
        const events = parseEvents(message.events);
        if (events === null) this.#log.pull();
        else this.#log.accept(events);
      }
    });
    const o = this.#options;
    const clock = this.#clock;
    this.#timers.push(
      clock.setInterval(() => this.#log.pull(), o.pollMs),
      clock.setInterval(() => this.#sweep(), o.sweepMs),
      clock.setInterval(() => {
        this.#presence.heartbeat();
        publishInstanceStats(this.#kv, this.stats()).catch(logError);
      }, o.presenceHeartbeatMs),
    );
    await this.#presence.start();
    await publishInstanceStats(this.#kv, this.stats());
  }

  /** Closes every socket with 1001 and stops following the log. */
  async shutdown(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#log.stop();
    for (const id of this.#timers) this.#clock.clear(id);
    this.#presence.stop();
    this.#stopObserving?.();
    this.#bus.close();
    const allClosed = this.#rooms.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.#allClosed = resolve);
    for (const conn of this.#rooms) {
      conn.typing?.close();
      conn.close(CLOSE.goingAway, "server shutting down");
    }
    // Both bounded: a client that never answers the close, or a store that
    // does not answer, must not hold the process (the presence record
    // expires by itself, PRESENCE_TTL_MS).
    const [closed, withdrawn] = await Promise.all([
      settlesWithin(allClosed, CLOSE_DEADLINE_MS),
      settlesWithin(
        Promise.all([
          this.#presence.withdraw(),
          withdrawInstanceStats(this.#kv, this.instanceId),
        ]),
        WITHDRAW_DEADLINE_MS,
      ),
    ]);
    if (!closed) {
      console.error(
        `hub shutdown: ${this.#rooms.size} socket(s) did not finish closing`,
      );
    }
    if (!withdrawn) console.error("hub shutdown: presence withdraw timed out");
  }

  /** The newest event this instance has routed. */
  get cursor(): string {
    return eventId(this.#log.seq);
  }

  /**
   * Checks the caps before an upgrade: sockets per user and handshakes per
   * client address per minute. Throws a 429 `ApiError`.
   */
  admit(userId: string, address: string, now = this.#clock.now()): void {
    this.#admission.check(this.socketsOf(userId), address, now);
  }

  /** How many sockets `userId` holds on this hub. */
  socketsOf(userId: string): number {
    return this.#rooms.ofUser(userId)?.size ?? 0;
  }

  /**
   * Takes over an upgraded socket: welcome, rooms, then replay from
   * `after` (if given) followed by `synced`, then live events. `sessionId`
   * is the sign-in session of the token (its `sid`): ending the session
   * closes the socket.
   */
  attach(
    socket: WebSocket,
    user: FrameUser,
    expiresAt: number,
    after: string | null,
    sessionId: string | null = null,
  ): Connection {
    const conn = new Connection(socket, user, expiresAt, sessionId);
    // Events up to here are either before this socket or the client has
    // them already (its cursor may be ahead of ours after a reconnect to
    // another instance): never send them live.
    conn.lastSeq = Math.max(
      this.#log.seq,
      after === null ? 0 : eventSeq(after) ?? 0,
    );
    if (after !== null) conn.buffer = [];
    socket.onopen = () => {
      // A handshake that finished after shutdown gets no welcome.
      if (this.#stopped) {
        conn.close(CLOSE.goingAway, "server shutting down");
        return;
      }
      this.#rooms.join(conn);
      conn.send(JSON.stringify(
        {
          type: "welcome",
          connectionId: conn.id,
          user: conn.user,
          heartbeatMs: HEARTBEAT_MS,
          lastEventId: eventId(conn.lastSeq),
          expiresAt: conn.expiresAt,
        } satisfies ServerFrame,
      ));
      // Every new socket learns who is online at once, itself included: a
      // page change (leave + join of the same user) changes nothing others
      // need to hear, so no broadcast would ever reach this socket.
      this.#presence.join(conn.user);
      conn.send(this.#presence.frame());
      if (after !== null) {
        replay(this.#kv, conn, after, this.metrics).catch((error) => {
          logError(error);
          conn.close(CLOSE.overloaded, "replay failed");
        });
      }
    };
    socket.onmessage = (e) => this.#frames.receive(conn, e);
    socket.onclose = () => this.#leave(conn);
    socket.onerror = () => {};
    return conn;
  }

  /**
   * Tells every socket of every instance how an upload is going (an
   * ephemeral frame: files are readable by every role, DESIGN §3): this
   * instance's sockets at once, the others' through the bus.
   */
  shareUpload(data: UploadData): void {
    this.#broadcast({ type: "upload", data });
    this.#bus.publish({
      kind: "upload",
      productionId: this.productionId,
      data,
    });
  }

  /** Closes the sockets of a session that ended (a `session_ended` event). */
  endSession(event: StoredEvent): void {
    closeEndedSession(this.#rooms, event);
  }

  /** The figures of every live instance (this one fresh), for `/status`. */
  deploymentStats(): Promise<DeploymentStats> {
    return readDeploymentStats(this.#kv, this.stats());
  }

  /** This instance's connection counts and rates. */
  stats(): InstanceStats {
    return {
      instanceId: this.instanceId,
      connections: this.#rooms.size,
      users: this.#rooms.users,
      byRole: this.#rooms.roleCounts(),
      cursor: this.cursor,
      online: this.#presence.total,
      ...this.metrics.rates(),
      replays: this.metrics.replays,
      resyncs: this.metrics.resyncs,
      slowCloses: this.metrics.slowCloses,
      rateLimitCloses: this.metrics.rateLimitCloses,
      refused: this.metrics.refused,
    };
  }

  #leave(conn: Connection) {
    conn.markClosed();
    conn.typing?.close();
    if (!this.#rooms.leave(conn)) return;
    this.#presence.leave(conn.user.id);
    if (this.#rooms.size === 0) this.#allClosed?.();
  }

  /** Sends one event of the log to its audience, or acts on it. */
  #route(seq: number, event: StoredEvent) {
    // For the instances only: acted on here, never sent.
    if (isInternalEvent(event)) return this.endSession(event);
    this.#onActivity?.(this.productionId);
    this.metrics.events++;
    this.metrics.deliveries += fanOut(this.#rooms, seq, event);
    if (
      event.type === "user_update" &&
      applyUserUpdate(this.#rooms, this.#presence, event)
    ) this.#presence.changed();
  }

  #sweep() {
    const now = this.#clock.now();
    this.metrics.sample(now);
    sweepSockets(this.#rooms, now, this.#options, this.metrics);
    this.#admission.prune();
  }

  #broadcast(frame: ServerFrame) {
    this.#rooms.sendAll(JSON.stringify(frame));
  }
}
