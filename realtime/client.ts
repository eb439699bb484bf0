/**
 * The browser side of DESIGN §5: one socket per tab that reconnects with
 * full-jitter backoff, resumes from the last event id without gaps or
 * duplicates, renews its token in-band, and exposes its state as signals.
 *
 * @module
 */
import { type Signal, signal } from "@preact/signals";
import type { EventType } from "@/lib/policy.ts";
import {
  backoffDelay,
  type BackoffOptions,
  DEFAULT_BACKOFF,
} from "./backoff.ts";
import type {
  EventFrame,
  FrameUser,
  ServerFrame,
  WelcomeUser,
} from "./protocol.ts";
import { type Clock, systemClock, type TimerId } from "./clock.ts";
import {
  defaultSocketUrl,
  refreshSession,
  type RenewedSession,
  sessionAlive,
} from "./client_session.ts";
import { CLOSE } from "./wire.ts";

/** Where the connection is, for the status indicator. */
export type ConnectionState =
  | { status: "connecting" }
  | { status: "online" }
  | { status: "reconnecting"; attempt: number; retryAt: number }
  | { status: "catching-up" }
  | { status: "offline" }
  | { status: "signed-out" };

/** An upload someone is running (ephemeral, never logged). */
export type UploadNotice = Extract<ServerFrame, { type: "upload" }>["data"];

/** Typing notices relayed by the hub. */
export type TypingNotice = Extract<ServerFrame, { type: "typing" }>["data"];

/** Dependencies a test can replace. */
export interface ClientOptions {
  url: string;
  backoff: BackoffOptions;
  /** A connection open this long resets the backoff attempt count. */
  stableMs: number;
  WebSocket: typeof WebSocket;
  fetch: typeof fetch;
  /** Time and timers (retries, heartbeat, token renewal). */
  clock: Clock;
}

type Handler = (frame: EventFrame) => void;

/** A realtime connection; islands share one through {@linkcode getRealtimeClient}. */
export class RealtimeClient {
  /** Connection state. */
  readonly state: Signal<ConnectionState> = signal({ status: "connecting" });
  /** Round-trip time of the last app ping, ms. */
  readonly rtt: Signal<number | null> = signal(null);
  /** Who is online (name-sorted, capped by the server). */
  readonly presence: Signal<FrameUser[]> = signal([]);
  /** How many people are online in all. */
  readonly presenceTotal: Signal<number> = signal(0);
  /** Whether a presence frame has arrived (until then, who is online is unknown). */
  readonly presenceKnown: Signal<boolean> = signal(false);
  /** Uploads in progress anywhere, by upload id. */
  readonly uploads: Signal<Record<string, UploadNotice>> = signal({});
  /** The signed-in user, from `welcome`. */
  readonly user: Signal<WelcomeUser | null> = signal(null);
  #options: ClientOptions;
  #socket: WebSocket | null = null;
  #lastEventId: string | null = null;
  #attempt = 0;
  #handlers = new Map<string, Set<Handler>>();
  #homeHandlers = new Set<
    (change: { productionId: string; memberships: boolean }) => void
  >();
  #typingHandlers = new Set<(notice: TypingNotice) => void>();
  #resyncHandlers = new Set<() => void>();
  #timers = new Set<TimerId>();
  #retryTimer: TimerId | null = null;
  #heartbeat: TimerId | null = null;
  #lastPong = 0;
  #refreshedAfter4401 = false;
  #started = false;
  #stopped = false;

  /** Creates a client; nothing connects until {@linkcode start}. */
  constructor(options: Partial<ClientOptions> = {}) {
    this.#options = {
      url: options.url ?? defaultSocketUrl(),
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      stableMs: options.stableMs ?? 60_000,
      WebSocket: options.WebSocket ?? globalThis.WebSocket,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      clock: options.clock ?? systemClock,
    };
  }

  /** The newest event id seen (the resume cursor). */
  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  /** Connects, and reconnects at once when the network or tab comes back. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    if (typeof document !== "undefined") {
      addEventListener("online", () => this.#retryNow());
      addEventListener("offline", () => {
        if (this.state.value.status !== "signed-out") {
          this.state.value = { status: "offline" };
        }
      });
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") this.#retryNow();
      });
    }
    this.#connect();
  }

  /** Closes the socket for good. */
  stop(): void {
    this.#stopped = true;
    this.#clearTimers();
    this.#socket?.close(1000, "bye");
  }

  /**
   * Calls `handler` for every event of `type`, each event once, in order.
   * Returns a function that unsubscribes.
   *
   * @example
   * ```ts
   * const off = getRealtimeClient().subscribe("announcement", (e) =>
   *   toast(e.data.message));
   * ```
   */
  subscribe<T extends EventType>(
    type: T,
    handler: (frame: EventFrame<T>) => void,
  ): () => void {
    let set = this.#handlers.get(type);
    if (!set) this.#handlers.set(type, set = new Set());
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }

  /** Calls `handler` when the server could not replay: reload your data. */
  onResync(handler: () => void): () => void {
    this.#resyncHandlers.add(handler);
    return () => this.#resyncHandlers.delete(handler);
  }

  /**
   * Home socket: calls `handler` when one of the user's productions
   * changed, or their memberships did (DESIGN §5). Returns a function that
   * stops it.
   */
  onHome(
    handler: (change: { productionId: string; memberships: boolean }) => void,
  ): () => void {
    this.#homeHandlers.add(handler);
    return () => this.#homeHandlers.delete(handler);
  }

  /** Calls `handler` for typing notices. */
  onTyping(handler: (notice: TypingNotice) => void): () => void {
    this.#typingHandlers.add(handler);
    return () => this.#typingHandlers.delete(handler);
  }

  /** Tells readers of `target` (e.g. `task:<id>`) that you are typing. */
  typing(target: string, active: boolean): void {
    this.#send({ type: "typing", target, active });
  }

  #connect() {
    if (this.#stopped) return;
    this.#retryTimer = null;
    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      this.state.value = { status: "offline" };
      return;
    }
    const after = this.#lastEventId;
    const base = this.#options.url;
    const url = after
      ? `${base}${base.includes("?") ? "&" : "?"}after=${after}`
      : base;
    this.state.value = after
      ? { status: "catching-up" }
      : { status: "connecting" };
    const socket = new this.#options.WebSocket(url);
    this.#socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
    };
    socket.onmessage = (e) => this.#onFrame(JSON.parse(e.data) as ServerFrame);
    socket.onclose = (e) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#clearTimers();
      this.#onClose(e.code, opened).catch(() => this.#scheduleRetry());
    };
  }

  #onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case "welcome": {
        this.user.value = frame.user;
        this.#lastEventId ??= frame.lastEventId;
        this.#refreshedAfter4401 = false;
        if (this.state.value.status !== "catching-up") {
          this.state.value = { status: "online" };
        }
        this.#startHeartbeat(frame.heartbeatMs);
        this.#scheduleTokenRefresh(frame.expiresAt);
        this.#later(() => {
          this.#attempt = 0;
        }, this.#options.stableMs);
        return;
      }
      case "synced":
        this.state.value = { status: "online" };
        return;
      case "resync":
        this.state.value = { status: "online" };
        for (const handler of this.#resyncHandlers) handler();
        return;
      case "presence":
        this.presence.value = frame.data.users;
        this.presenceTotal.value = frame.data.total;
        this.presenceKnown.value = true;
        return;
      case "typing":
        for (const handler of this.#typingHandlers) handler(frame.data);
        return;
      case "pong":
        this.#lastPong = this.#options.clock.now();
        this.rtt.value = Math.round(performance.now() - frame.t);
        return;
      case "upload": {
        const next = { ...this.uploads.value };
        if (frame.data.phase === "uploading") {
          next[frame.data.uploadId] = frame.data;
        } else delete next[frame.data.uploadId];
        this.uploads.value = next;
        return;
      }
      case "home":
        for (const handler of this.#homeHandlers) handler(frame.data);
        return;
      case "error":
        return;
      default:
        this.#onEvent(frame);
    }
  }

  #onEvent(frame: EventFrame) {
    // Ids are ordered; anything not newer was delivered already.
    if (this.#lastEventId !== null && frame.id <= this.#lastEventId) return;
    this.#lastEventId = frame.id;
    for (const handler of this.#handlers.get(frame.type) ?? []) {
      try {
        handler(frame);
      } catch (error) {
        console.error(error);
      }
    }
  }

  async #onClose(code: number, opened: boolean) {
    if (this.#stopped) return;
    if (code === CLOSE.unauthorized || code === CLOSE.forbidden || !opened) {
      // The session may have ended: renew once, or give up as signed out.
      if (
        code === CLOSE.forbidden ||
        (code === CLOSE.unauthorized && this.#refreshedAfter4401)
      ) {
        this.state.value = { status: "signed-out" };
        return;
      }
      const alive = !opened
        ? await sessionAlive(this.#options.fetch)
        : await this.#refresh() !== null;
      if (!alive) {
        this.state.value = { status: "signed-out" };
        return;
      }
      if (code === CLOSE.unauthorized) {
        this.#refreshedAfter4401 = true;
        this.#connect();
        return;
      }
    }
    this.#scheduleRetry();
  }

  #scheduleRetry() {
    if (this.#stopped || this.#retryTimer !== null) return;
    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      this.state.value = { status: "offline" };
      return;
    }
    this.#attempt++;
    const delay = backoffDelay(this.#attempt, this.#options.backoff);
    this.state.value = {
      status: "reconnecting",
      attempt: this.#attempt,
      retryAt: this.#options.clock.now() + delay,
    };
    this.#retryTimer = this.#options.clock.setTimeout(
      () => this.#connect(),
      delay,
    );
  }

  #retryNow() {
    const status = this.state.value.status;
    if (status !== "reconnecting" && status !== "offline") return;
    this.#options.clock.clear(this.#retryTimer);
    this.#retryTimer = null;
    this.#connect();
  }

  #startHeartbeat(intervalMs: number) {
    const { clock } = this.#options;
    this.#lastPong = clock.now();
    this.#heartbeat = clock.setInterval(() => {
      // Two missed pongs: the connection is dead even if no close came.
      if (clock.now() - this.#lastPong > intervalMs * 2) {
        this.#socket?.close(4000, "heartbeat timeout");
        return;
      }
      this.#send({ type: "ping", t: performance.now() });
    }, intervalMs);
  }

  #scheduleTokenRefresh(expiresAt: number) {
    // Renew a minute early, then hand the socket the new token in-band.
    const delay = Math.max(
      1_000,
      expiresAt - this.#options.clock.now() - 60_000,
    );
    this.#later(async () => {
      const session = await this.#refresh();
      if (session === null) return;
      this.#send({ type: "auth", token: session.token });
      this.#scheduleTokenRefresh(session.expiresAt);
    }, delay);
  }

  #refresh(): Promise<RenewedSession | null> {
    return refreshSession(this.#options.fetch);
  }

  #send(frame: unknown) {
    if (this.#socket?.readyState === 1) {
      this.#socket.send(JSON.stringify(frame));
    }
  }

  #later(fn: () => void | Promise<void>, ms: number) {
    const id = this.#options.clock.setTimeout(() => {
      this.#timers.delete(id);
      fn();
    }, ms);
    this.#timers.add(id);
  }

  #clearTimers() {
    for (const id of this.#timers) this.#options.clock.clear(id);
    this.#timers.clear();
    this.#options.clock.clear(this.#heartbeat);
    this.#heartbeat = null;
  }
}

let shared: RealtimeClient | null = null;

/** The tab's one client, started on first use (browser only). */
export function getRealtimeClient(): RealtimeClient {
  if (shared === null) {
    shared = new RealtimeClient();
    shared.start();
  }
  return shared;
}
