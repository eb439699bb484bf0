import type { AuthService } from "@/lib/auth/session.ts";
import { SessionEndedDataSchema } from "@/lib/auth/session_events.ts";
import { settlesWithin } from "@/lib/deadline.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { type Audience, inAudience } from "@/lib/policy.ts";
import type { Role } from "@/lib/roles.ts";
import {
  eventId,
  eventSeq,
  isInternalEvent,
  latestEventId,
  readEventsAfter,
  type StoredEvent,
} from "@/lib/store/event_log.ts";
import { observeCommits } from "@/lib/store/transaction.ts";
import type { Bus, UploadData } from "./bus.ts";
import {
  type DeploymentStats,
  type InstanceStats,
  publishInstanceStats,
  readDeploymentStats,
  withdrawInstanceStats,
} from "./instance_stats.ts";
import { type Clock, systemClock, type TimerId } from "./clock.ts";
import { Connection } from "./connection.ts";
import { HubMetrics } from "./metrics.ts";
import { Presence } from "./presence.ts";
import { TYPING_THROTTLE_MS, TypingGate } from "./typing.ts";
import {
  ClientFrameSchema,
  CLOSE,
  type FrameUser,
  HEARTBEAT_MS,
  MAX_FRAME_BYTES,
  type ServerFrame,
  UserUpdateDataSchema,
} from "./protocol.ts";

/** Tunables of a {@linkcode Hub}; defaults suit production. */
export interface HubOptions {
  kv: Deno.Kv;
  auth: AuthService;
  bus: Bus;
  /** Sockets one user may hold on this instance. */
  maxSocketsPerUser?: number;
  /** Handshakes one client address may make per minute on this instance. */
  handshakesPerMinute?: number;
  /** Safety-net poll of the log head, ms. */
  pollMs?: number;
  /** How often expiry, slow readers and rates are checked, ms. */
  sweepMs?: number;
  /** `bufferedAmount` above which a reader counts as slow. */
  maxBufferedBytes?: number;
  /** How long a reader may stay slow before it is closed, ms. */
  slowGraceMs?: number;
  /** Presence refresh period (instance heartbeat), ms. */
  presenceHeartbeatMs?: number;
  /** Presence broadcasts are coalesced over this long, ms. */
  presenceDebounceMs?: number;
  /** At most one typing frame per target per this long, ms. */
  typingThrottleMs?: number;
  /**
   * Who may see typing on `target` (`<module>:<id>`); null when there is no
   * such record (nothing is relayed). Without it no typing is relayed; the
   * app passes the readers of each record (`server/typing_audience.ts`).
   */
  typingAudience?: (target: string) => Promise<Audience | null>;
  /** Time and timers (polling, sweeps, presence, typing); the real clock by default. */
  clock?: Clock;
}

const RATE_LIMIT_STRIKES = 10;
/** How long shutdown waits for this instance's presence record to go, ms. */
const WITHDRAW_DEADLINE_MS = 2_000;
/** How long shutdown waits for clients to answer the 1001 close, ms. */
const CLOSE_DEADLINE_MS = 1_000;

/**
 * The realtime hub of one instance: holds the sockets, follows the event
 * log from its cursor, and routes each event to the sockets its audience
 * admits, at most once each, serialised once per event.
 */
export class Hub {
  readonly instanceId: string = crypto.randomUUID();
  readonly metrics = new HubMetrics();
  #kv: Deno.Kv;
  #auth: AuthService;
  #bus: Bus;
  #options: Required<
    Omit<HubOptions, "kv" | "auth" | "bus" | "typingAudience" | "clock">
  >;
  #clock: Clock;
  #typingAudience: (target: string) => Promise<Audience | null>;
  #conns = new Set<Connection>();
  #byRole = new Map<Role, Set<Connection>>();
  #byUser = new Map<string, Set<Connection>>();
  #cursor = 0;
  #pulling = false;
  #pullAgain = false;
  #handshakes = new Map<string, { minute: number; count: number }>();
  #presence: Presence;
  #presenceTimer: TimerId | undefined;
  #timers: TimerId[] = [];
  #stopObserving: (() => void) | null = null;
  #started = false;
  #stopped = false;
  #allClosed: (() => void) | null = null;

  /** Creates a hub; call {@linkcode start} before attaching sockets. */
  constructor(options: HubOptions) {
    this.#kv = options.kv;
    this.#auth = options.auth;
    this.#bus = options.bus;
    this.#clock = options.clock ?? systemClock;
    this.#options = {
      maxSocketsPerUser: options.maxSocketsPerUser ?? 10,
      handshakesPerMinute: options.handshakesPerMinute ?? 120,
      pollMs: options.pollMs ?? 1_000,
      sweepMs: options.sweepMs ?? 1_000,
      maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
      slowGraceMs: options.slowGraceMs ?? 5_000,
      presenceHeartbeatMs: options.presenceHeartbeatMs ?? 10_000,
      presenceDebounceMs: options.presenceDebounceMs ?? 250,
      typingThrottleMs: options.typingThrottleMs ?? TYPING_THROTTLE_MS,
    };
    // Which records exist is the composition's knowledge, not the hub's:
    // without it, typing is relayed to no one.
    this.#typingAudience = options.typingAudience ??
      (() => Promise.resolve(null));
    this.#presence = new Presence(this.#kv, this.instanceId, (list) => {
      this.#broadcast({ type: "presence", data: list });
    });
  }

  /** Reads the log head and starts following the log. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#cursor = eventSeq(await latestEventId(this.#kv)) ?? 0;
    this.#stopObserving = observeCommits(this.#kv, (events) => {
      this.#accept(events);
      this.#bus.publish({ kind: "events", headId: events.at(-1)!.id });
    });
    this.#bus.subscribe((message) => {
      if (message.kind === "presence") this.#presence.refresh().catch(logError);
      else if (message.kind === "upload") {
        this.#broadcast({ type: "upload", data: message.data });
      } else if ((eventSeq(message.headId) ?? 0) > this.#cursor) this.#pull();
    });
    const o = this.#options;
    const clock = this.#clock;
    this.#timers.push(
      clock.setInterval(() => this.#pull(), o.pollMs),
      clock.setInterval(() => this.#sweep(), o.sweepMs),
      clock.setInterval(() => {
        this.#presence.publish().then(() => this.#presence.refresh())
          .catch(logError);
        publishInstanceStats(this.#kv, this.stats()).catch(logError);
      }, o.presenceHeartbeatMs),
    );
    await this.#presence.publish();
    await this.#presence.refresh();
    await publishInstanceStats(this.#kv, this.stats());
  }

  /** Closes every socket with 1001 and stops following the log. */
  async shutdown(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const id of this.#timers) this.#clock.clear(id);
    this.#clock.clear(this.#presenceTimer ?? null);
    this.#stopObserving?.();
    this.#bus.close();
    const allClosed = this.#conns.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => this.#allClosed = resolve);
    for (const conn of this.#conns) {
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
        `hub shutdown: ${this.#conns.size} socket(s) did not finish closing`,
      );
    }
    if (!withdrawn) console.error("hub shutdown: presence withdraw timed out");
  }

  /** The newest event this instance has routed. */
  get cursor(): string {
    return eventId(this.#cursor);
  }

  /**
   * Checks the caps before an upgrade: sockets per user and handshakes per
   * client address per minute. Throws a 429 {@linkcode ApiError}.
   */
  admit(userId: string, address: string, now = this.#clock.now()): void {
    const minute = Math.floor(now / 60_000);
    const entry = this.#handshakes.get(address);
    const count = entry?.minute === minute ? entry.count + 1 : 1;
    this.#handshakes.set(address, { minute, count });
    const retry = { "Retry-After": String(60 - Math.floor(now / 1000) % 60) };
    if (count > this.#options.handshakesPerMinute) {
      this.metrics.refused++;
      throw new ApiError(
        429,
        "rate_limited",
        "Too many connection attempts",
        undefined,
        retry,
      );
    }
    if (
      (this.#byUser.get(userId)?.size ?? 0) >= this.#options.maxSocketsPerUser
    ) {
      this.metrics.refused++;
      throw new ApiError(
        429,
        "too_many_connections",
        "Too many open connections for this user; close a tab",
        undefined,
        { "Retry-After": "30" },
      );
    }
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
      this.#cursor,
      after === null ? 0 : eventSeq(after) ?? 0,
    );
    if (after !== null) conn.buffer = [];
    socket.onopen = () => {
      // A handshake that finished after shutdown gets no welcome.
      if (this.#stopped) {
        conn.close(CLOSE.goingAway, "server shutting down");
        return;
      }
      this.#join(conn);
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
      if (this.#presence.add(conn.user)) this.#presenceChanged();
      conn.send(this.#presenceFrame());
      if (after !== null) {
        this.#replay(conn, after).catch((error) => {
          logError(error);
          conn.close(CLOSE.overloaded, "replay failed");
        });
      }
    };
    socket.onmessage = (e) => this.#onMessage(conn, e);
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
    this.#bus.publish({ kind: "upload", data });
  }

  /** The figures of every live instance (this one fresh), for `/status`. */
  deploymentStats(): Promise<DeploymentStats> {
    return readDeploymentStats(this.#kv, this.stats());
  }

  /** This instance's connection counts and rates. */
  stats(): InstanceStats {
    const byRole: Partial<Record<Role, number>> = {};
    for (const [role, set] of this.#byRole) {
      if (set.size > 0) byRole[role] = set.size;
    }
    return {
      instanceId: this.instanceId,
      connections: this.#conns.size,
      users: this.#byUser.size,
      byRole,
      cursor: this.cursor,
      online: this.#presence.list().total,
      ...this.metrics.rates(),
      replays: this.metrics.replays,
      resyncs: this.metrics.resyncs,
      slowCloses: this.metrics.slowCloses,
      rateLimitCloses: this.metrics.rateLimitCloses,
      refused: this.metrics.refused,
    };
  }

  #join(conn: Connection) {
    this.#conns.add(conn);
    roomOf(this.#byRole, conn.user.role).add(conn);
    roomOf(this.#byUser, conn.user.id).add(conn);
  }

  #leave(conn: Connection) {
    conn.markClosed();
    conn.typing?.close();
    if (!this.#conns.delete(conn)) return;
    this.#byRole.get(conn.user.role)?.delete(conn);
    const mine = this.#byUser.get(conn.user.id);
    mine?.delete(conn);
    if (mine?.size === 0) this.#byUser.delete(conn.user.id);
    if (this.#presence.remove(conn.user.id)) this.#presenceChanged();
    if (this.#conns.size === 0) this.#allClosed?.();
  }

  /** Routes events in log order; a gap triggers a read of the log. */
  #accept(events: StoredEvent[]) {
    for (const event of events) {
      const seq = eventSeq(event.id)!;
      if (seq <= this.#cursor) continue;
      if (seq !== this.#cursor + 1) {
        this.#pull();
        return;
      }
      this.#cursor = seq;
      this.#route(seq, event);
    }
  }

  #pull() {
    if (this.#stopped) return;
    if (this.#pulling) {
      this.#pullAgain = true;
      return;
    }
    this.#pulling = true;
    (async () => {
      try {
        do {
          this.#pullAgain = false;
          const page = await readEventsAfter(this.#kv, eventId(this.#cursor));
          if (page.resync) {
            // Our cursor fell out of the log: skip to the head.
            this.#cursor = eventSeq(await latestEventId(this.#kv)) ??
              this.#cursor;
            continue;
          }
          this.#accept(page.events);
          if (page.more) this.#pullAgain = true;
        } while (this.#pullAgain && !this.#stopped);
      } catch (error) {
        logError(error);
      } finally {
        this.#pulling = false;
      }
    })();
  }

  /** Sends one event to its audience: one JSON string for all of them. */
  #route(seq: number, event: StoredEvent) {
    // For the instances only: acted on here, never sent.
    if (isInternalEvent(event)) return this.#endSession(event);
    this.metrics.events++;
    const frame = JSON.stringify({
      type: event.type,
      id: event.id,
      ts: event.ts,
      data: event.data,
    });
    const { roles, users } = event.audience;
    let sent = 0;
    for (const role of roles) {
      for (const conn of this.#byRole.get(role) ?? []) {
        if (conn.deliver(seq, frame)) sent++;
      }
    }
    for (const userId of users) {
      for (const conn of this.#byUser.get(userId) ?? []) {
        // Already reached through its role room.
        if (roles.includes(conn.user.role)) continue;
        if (conn.deliver(seq, frame)) sent++;
      }
    }
    this.metrics.deliveries += sent;
    if (event.type === "user_update") this.#applyUserUpdate(event);
  }

  /** Closes the sockets of a session that ended (logout, revocation). */
  #endSession(event: StoredEvent) {
    const parsed = SessionEndedDataSchema.safeParse(event.data);
    if (!parsed.success) return;
    const { sessionId, userId } = parsed.data;
    for (const conn of [...(this.#byUser.get(userId) ?? [])]) {
      if (conn.sessionId === sessionId) {
        conn.close(CLOSE.unauthorized, "signed out");
      }
    }
  }

  /** Re-evaluates the sockets of a user whose account changed. */
  #applyUserUpdate(event: StoredEvent) {
    const parsed = UserUpdateDataSchema.safeParse(event.data);
    if (!parsed.success) return;
    const { id, name, role, active } = parsed.data.user;
    for (const conn of [...(this.#byUser.get(id) ?? [])]) {
      if (!active) {
        conn.close(CLOSE.unauthorized, "account deactivated");
        continue;
      }
      if (conn.user.role !== role) {
        this.#byRole.get(conn.user.role)?.delete(conn);
        roomOf(this.#byRole, role).add(conn);
      }
      conn.user = { id, name, role };
      this.#presence.rename(conn.user);
    }
    this.#presenceChanged();
  }

  async #replay(conn: Connection, after: string) {
    let cursor = after;
    let replayed = 0;
    for (;;) {
      const page = await readEventsAfter(this.#kv, cursor);
      if (page.resync) {
        this.metrics.resyncs++;
        conn.send(JSON.stringify({ type: "resync" } satisfies ServerFrame));
        this.#flush(conn, 0);
        return;
      }
      for (const event of page.events) {
        cursor = event.id;
        if (conn.closed) return;
        if (isInternalEvent(event)) continue;
        if (!inAudience(conn.user, event.audience)) continue;
        conn.send(JSON.stringify({
          type: event.type,
          id: event.id,
          ts: event.ts,
          data: event.data,
        }));
        replayed++;
      }
      if (!page.more) break;
    }
    this.metrics.replays++;
    conn.send(
      JSON.stringify({ type: "synced", replayed } satisfies ServerFrame),
    );
    this.#flush(conn, eventSeq(cursor) ?? 0);
  }

  /** Ends a replay: sends what arrived meanwhile, past the seam only. */
  #flush(conn: Connection, replayedUpTo: number) {
    const buffered = conn.buffer ?? [];
    conn.buffer = null;
    conn.lastSeq = Math.max(conn.lastSeq, replayedUpTo);
    for (const { seq, frame } of buffered) conn.deliver(seq, frame);
  }

  #onMessage(conn: Connection, e: MessageEvent) {
    if (typeof e.data !== "string") {
      conn.send(errorFrame("bad_frame", "Send JSON text frames"));
      return;
    }
    if (
      e.data.length > MAX_FRAME_BYTES / 3 &&
      byteLength(e.data) > MAX_FRAME_BYTES
    ) {
      conn.close(CLOSE.tooBig, "frame too big");
      return;
    }
    if (!conn.bucket.take()) {
      if (++conn.violations >= RATE_LIMIT_STRIKES) {
        this.metrics.rateLimitCloses++;
        conn.close(CLOSE.rateLimited, "too many messages");
      } else {
        conn.send(errorFrame("rate_limited", "Slow down"));
      }
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
      conn.send(errorFrame("bad_frame", "Frames must be JSON"));
      return;
    }
    const parsed = ClientFrameSchema.safeParse(json);
    if (!parsed.success) {
      conn.send(errorFrame("bad_frame", "Unknown or malformed frame"));
      return;
    }
    const frame = parsed.data;
    if (frame.type === "ping") {
      conn.send(
        JSON.stringify({ type: "pong", t: frame.t } satisfies ServerFrame),
      );
    } else if (frame.type === "typing") {
      conn.typing ??= this.#typingGate(conn);
      conn.typing.offer(frame.target, frame.active);
    } else {
      this.#reauth(conn, frame.token).catch(logError);
    }
  }

  /** The socket's typing throttle: checks targets, relays to readers. */
  #typingGate(conn: Connection): TypingGate {
    return new TypingGate({
      windowMs: this.#options.typingThrottleMs,
      clock: this.#clock,
      check: async (target) => {
        const audience = await this.#typingAudience(target);
        return audience !== null && inAudience(conn.user, audience);
      },
      relay: (target, active) => {
        this.#relayTyping(conn, target, active).catch(logError);
      },
      refuse: (_target, code) => {
        conn.send(
          code === "forbidden"
            ? errorFrame("forbidden", "You cannot see that record")
            : errorFrame(
              "too_many_targets",
              "Typing on too many records at once",
            ),
        );
      },
    });
  }

  /** Sends a typing frame to the target's current readers, never the typist. */
  async #relayTyping(conn: Connection, target: string, active: boolean) {
    // Read again: the record may be gone or the reader changed meanwhile.
    const audience = await this.#typingAudience(target);
    if (
      audience === null || conn.closed || !inAudience(conn.user, audience)
    ) return;
    const frame = JSON.stringify(
      {
        type: "typing",
        data: { userId: conn.user.id, name: conn.user.name, target, active },
      } satisfies ServerFrame,
    );
    const seen = new Set<Connection>();
    const send = (other: Connection) => {
      if (other.user.id === conn.user.id || seen.has(other)) return;
      seen.add(other);
      other.send(frame);
    };
    for (const role of audience.roles) this.#byRole.get(role)?.forEach(send);
    for (const id of audience.users) this.#byUser.get(id)?.forEach(send);
  }

  async #reauth(conn: Connection, token: string) {
    const session = await this.#auth.authenticate(token);
    if (session === null || session.user.id !== conn.user.id) {
      conn.send(
        errorFrame("invalid_token", "That token is not valid for this socket"),
      );
      return;
    }
    conn.expiresAt = session.claims.exp * 1000;
    // The socket now lives as long as this token's session.
    conn.sessionId = session.claims.sid ?? null;
  }

  #sweep() {
    const now = this.#clock.now();
    this.metrics.sample(now);
    for (const conn of this.#conns) {
      if (conn.expiresAt <= now) {
        conn.close(CLOSE.unauthorized, "token expired");
        continue;
      }
      if (conn.bufferedAmount > this.#options.maxBufferedBytes) {
        if (conn.slowSince === 0) conn.slowSince = now;
        else if (now - conn.slowSince >= this.#options.slowGraceMs) {
          this.metrics.slowCloses++;
          conn.close(
            CLOSE.overloaded,
            "reading too slowly; resume from the log",
          );
        }
      } else conn.slowSince = 0;
    }
    if (this.#handshakes.size > 10_000) this.#handshakes.clear();
  }

  #presenceChanged() {
    if (this.#presenceTimer !== undefined || this.#stopped) return;
    // Every broadcast goes to every socket: the more sockets, the longer
    // changes are coalesced (1 ms per socket, at most 10 s).
    const delay = Math.min(
      10_000,
      this.#options.presenceDebounceMs + this.#conns.size,
    );
    this.#presenceTimer = this.#clock.setTimeout(() => {
      this.#presenceTimer = undefined;
      this.#presence.publish().then(() =>
        this.#bus.publish({ kind: "presence" })
      ).catch(logError);
    }, delay);
  }

  #presenceFrame(): string {
    return JSON.stringify(
      {
        type: "presence",
        data: this.#presence.list(),
      } satisfies ServerFrame,
    );
  }

  #broadcast(frame: ServerFrame) {
    const text = JSON.stringify(frame);
    for (const conn of this.#conns) conn.send(text);
  }
}

function roomOf<K>(rooms: Map<K, Set<Connection>>, key: K): Set<Connection> {
  let room = rooms.get(key);
  if (room === undefined) rooms.set(key, room = new Set());
  return room;
}

function errorFrame(code: string, message: string): string {
  return JSON.stringify({ type: "error", code, message } satisfies ServerFrame);
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

function logError(error: unknown) {
  console.error(error);
}
