import type { AuthService } from "@/lib/auth/session.ts";
import type { Connection } from "./connection.ts";
import { errorFrame, logError } from "./frames.ts";
import type { HubMetrics } from "./metrics.ts";
import {
  ClientFrameSchema,
  CLOSE,
  MAX_FRAME_BYTES,
  type ServerFrame,
} from "./protocol.ts";
import type { TypingRelay } from "./typing_relay.ts";

/** Rate-limit violations after which a socket is closed instead of warned. */
const RATE_LIMIT_STRIKES = 10;

/** What {@linkcode ClientFrames} needs from the hub. */
export interface ClientFramesOptions {
  auth: AuthService;
  metrics: HubMetrics;
  typing: TypingRelay;
}

/**
 * What clients send: each frame is size-checked, rate-limited and parsed
 * before it is acted on (`ping`, `typing`, an in-band `auth` with a fresh
 * token). A bad frame gets an `error` frame; flooding or an oversized
 * frame closes the socket.
 */
export class ClientFrames {
  #options: ClientFramesOptions;

  /** Creates the frame handler of one hub. */
  constructor(options: ClientFramesOptions) {
    this.#options = options;
  }

  /** Handles one message from `conn`'s socket. */
  receive(conn: Connection, e: MessageEvent): void {
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
        this.#options.metrics.rateLimitCloses++;
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
      this.#options.typing.offer(conn, frame.target, frame.active);
    } else {
      this.#reauth(conn, frame.token).catch(logError);
    }
  }

  /** Extends the socket's life to a fresh token of the same user. */
  async #reauth(conn: Connection, token: string) {
    const session = await this.#options.auth.authenticate(token);
    if (session === null || session.account.id !== conn.user.id) {
      conn.send(
        errorFrame("invalid_token", "That token is not valid for this socket"),
      );
      return;
    }
    conn.expiresAt = session.claims.exp * 1000;
    // The socket now lives as long as this token's session.
    conn.sessionId = session.claims.sid ?? null;
  }
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
