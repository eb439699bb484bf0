import type { AuthService } from "@/lib/auth/session.ts";
import { errorFrame, logError } from "./frames.ts";
import {
  ClientFrameSchema,
  CLOSE,
  HEARTBEAT_MS,
  MAX_FRAME_BYTES,
  type ServerFrame,
} from "./protocol.ts";
import { type Clock, systemClock, type TimerId } from "./clock.ts";
import { FRAME_RATE } from "./connection.ts";
import { TokenBucket } from "./token_bucket.ts";

/** Change hints for one production reach a socket at most this often, ms. */
export const HOME_HINT_MS = 1_000;

/** One home socket: whose it is, and the productions it hears about. */
interface HomeSocket {
  id: string;
  socket: WebSocket;
  accountId: string;
  expiresAt: number;
  sessionId: string | null;
  productions: Set<string>;
  bucket: TokenBucket;
  /** Productions with a hint due, and when the last one went out. */
  lastHint: Map<string, number>;
  pending: Set<string>;
}

/**
 * The home page's sockets (`/api/ws?scope=home`): a studio-level socket
 * that carries no events, only hints — "something changed in production
 * X, read its card again" and "your memberships changed, read your list
 * again" — so the page stays live without holding one socket per
 * production. A hint names a production the account is a member of and
 * nothing else; what the card shows is read over HTTP, with the role the
 * account holds there.
 */
export class HomeRoom {
  #auth: AuthService;
  #follow: (productionIds: Iterable<string>) => void;
  #sockets = new Set<HomeSocket>();
  #timer: TimerId | undefined;
  #clock: Clock;

  /**
   * `auth` checks in-band token refreshes; `follow` is told of the
   * productions a socket starts to hear about (realtime/home_sync.ts);
   * `clock` paces the hints (the hubs' clock, so tests drive it).
   */
  constructor(
    auth: AuthService,
    follow: (productionIds: Iterable<string>) => void = () => {},
    clock: Clock = systemClock,
  ) {
    this.#auth = auth;
    this.#follow = follow;
    this.#clock = clock;
  }

  /** How many home sockets are open. */
  get size(): number {
    return this.#sockets.size;
  }

  /** Takes over an upgraded home socket of `account`. */
  attach(
    socket: WebSocket,
    account: { id: string; name: string },
    productions: Iterable<string>,
    expiresAt: number,
    sessionId: string | null,
  ): void {
    const home: HomeSocket = {
      id: crypto.randomUUID(),
      socket,
      accountId: account.id,
      expiresAt,
      sessionId,
      productions: new Set(productions),
      bucket: new TokenBucket(FRAME_RATE.perSecond, FRAME_RATE.burst),
      lastHint: new Map(),
      pending: new Set(),
    };
    this.#follow(home.productions);
    socket.onopen = () => {
      this.#sockets.add(home);
      send(home, {
        type: "welcome",
        connectionId: home.id,
        user: account,
        heartbeatMs: HEARTBEAT_MS,
        lastEventId: "",
        expiresAt: home.expiresAt,
      });
    };
    socket.onmessage = (e) => this.#receive(home, e);
    socket.onclose = () => this.#sockets.delete(home);
    socket.onerror = () => {};
  }

  /** The productions some home socket hears about. */
  followed(): Set<string> {
    const all = new Set<string>();
    for (const home of this.#sockets) {
      for (const id of home.productions) all.add(id);
    }
    return all;
  }

  /** The accounts with a home socket here. */
  accounts(): Set<string> {
    return new Set([...this.#sockets].map((home) => home.accountId));
  }

  /** Something happened in `productionId`: hint its members' home pages. */
  activity(productionId: string): void {
    for (const home of this.#sockets) {
      if (home.productions.has(productionId)) this.#hint(home, productionId);
    }
  }

  /**
   * `accountId` joined or left `productionId` (or their role there
   * changed): their home pages read their list again.
   */
  membershipChanged(
    accountId: string,
    productionId: string,
    member: boolean,
  ): void {
    if (member) this.#follow([productionId]);
    for (const home of this.#sockets) {
      if (home.accountId !== accountId) continue;
      if (member) home.productions.add(productionId);
      else home.productions.delete(productionId);
      send(home, { type: "home", data: { productionId, memberships: true } });
    }
  }

  /**
   * `accountId` is a member of `productionIds` now: each of their home
   * sockets hears of every production it joined or left since.
   */
  setMemberships(accountId: string, productionIds: Iterable<string>): void {
    const now = new Set(productionIds);
    for (const home of this.#sockets) {
      if (home.accountId !== accountId) continue;
      const joined = [...now].filter((id) => !home.productions.has(id));
      const left = [...home.productions].filter((id) => !now.has(id));
      if (joined.length > 0) this.#follow(joined);
      for (const productionId of [...joined, ...left]) {
        if (now.has(productionId)) home.productions.add(productionId);
        else home.productions.delete(productionId);
        send(home, { type: "home", data: { productionId, memberships: true } });
      }
    }
  }

  /** Closes the sockets of a session that ended (4401). */
  endSession(accountId: string, sessionId: string): void {
    for (const home of this.#sockets) {
      if (home.accountId === accountId && home.sessionId === sessionId) {
        home.socket.close(CLOSE.unauthorized, "signed out");
      }
    }
  }

  /** Closes sockets whose token expired (called by the periodic sweep). */
  sweep(now: number): void {
    for (const home of this.#sockets) {
      if (home.expiresAt <= now) {
        home.socket.close(CLOSE.unauthorized, "token expired");
      }
    }
  }

  /** Closes every home socket with 1001. */
  shutdown(): void {
    this.#clock.clear(this.#timer ?? null);
    this.#timer = undefined;
    for (const home of this.#sockets) {
      home.socket.close(CLOSE.goingAway, "server shutting down");
    }
    this.#sockets.clear();
  }

  /** Sends a hint now, or once {@linkcode HOME_HINT_MS} has passed. */
  #hint(home: HomeSocket, productionId: string) {
    const now = this.#clock.now();
    const last = home.lastHint.get(productionId) ?? 0;
    if (now - last >= HOME_HINT_MS) {
      home.lastHint.set(productionId, now);
      send(home, { type: "home", data: { productionId, memberships: false } });
      return;
    }
    home.pending.add(productionId);
    this.#timer ??= this.#clock.setTimeout(() => {
      this.#timer = undefined;
      for (const h of this.#sockets) {
        const due = [...h.pending];
        h.pending.clear();
        for (const id of due) {
          h.lastHint.set(id, 0);
          this.#hint(h, id);
        }
      }
    }, HOME_HINT_MS);
  }

  #receive(home: HomeSocket, e: MessageEvent) {
    if (typeof e.data !== "string" || e.data.length > MAX_FRAME_BYTES) {
      home.socket.close(CLOSE.tooBig, "frame too big");
      return;
    }
    if (!home.bucket.take()) {
      home.socket.close(CLOSE.rateLimited, "too many messages");
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
      home.socket.send(errorFrame("bad_frame", "Frames must be JSON"));
      return;
    }
    const parsed = ClientFrameSchema.safeParse(json);
    if (!parsed.success || parsed.data.type === "typing") {
      home.socket.send(errorFrame("bad_frame", "Unknown or malformed frame"));
      return;
    }
    const frame = parsed.data;
    if (frame.type === "ping") send(home, { type: "pong", t: frame.t });
    else this.#reauth(home, frame.token).catch(logError);
  }

  async #reauth(home: HomeSocket, token: string) {
    const session = await this.#auth.authenticate(token);
    if (session === null || session.account.id !== home.accountId) {
      home.socket.send(
        errorFrame("invalid_token", "That token is not valid for this socket"),
      );
      return;
    }
    home.expiresAt = session.claims.exp * 1000;
    home.sessionId = session.claims.sid ?? null;
  }
}

function send(home: HomeSocket, frame: ServerFrame) {
  if (home.socket.readyState === WebSocket.OPEN) {
    home.socket.send(JSON.stringify(frame));
  }
}
