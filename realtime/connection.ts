import type { FrameUser } from "./protocol.ts";
import { TokenBucket } from "./token_bucket.ts";
import type { TypingGate } from "./typing.ts";

/** Frames per second a socket may send, and the burst it may save up. */
export const FRAME_RATE = { perSecond: 20, burst: 40 };

/** One open socket and what the hub knows about it. */
export class Connection {
  /** Opaque id sent in `welcome`. */
  readonly id: string = crypto.randomUUID();
  /** The signed-in user; role and name follow `user_update` events. */
  user: FrameUser;
  /** When the socket's access token expires (ms since epoch). */
  expiresAt: number;
  /** The sign-in session of that token (`sid`); its end closes the socket. */
  sessionId: string | null;
  /** Frame budget. */
  readonly bucket = new TokenBucket(FRAME_RATE.perSecond, FRAME_RATE.burst);
  /** Rate-limit violations so far. */
  violations = 0;
  /** Sequence of the newest event sent; later duplicates are skipped. */
  lastSeq = 0;
  /** While replaying, live events wait here. */
  buffer: { seq: number; frame: string }[] | null = null;
  /** Since when `bufferedAmount` has stayed high (0 = not). */
  slowSince = 0;
  /** Typing throttle, made on the first typing frame (realtime/typing.ts). */
  typing: TypingGate | null = null;
  #socket: WebSocket;
  #closed = false;

  /** Wraps an upgraded socket. */
  constructor(
    socket: WebSocket,
    user: FrameUser,
    expiresAt: number,
    sessionId: string | null = null,
  ) {
    this.#socket = socket;
    this.user = user;
    this.expiresAt = expiresAt;
    this.sessionId = sessionId;
  }

  /** Whether close() was called or the socket is gone. */
  get closed(): boolean {
    return this.#closed || this.#socket.readyState >= WebSocket.CLOSING;
  }

  /** Bytes queued for the client. */
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  /** Sends a serialized frame if the socket is open. */
  send(frame: string): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(frame);
  }

  /**
   * Delivers an event frame unless this socket has had it already (the
   * replay seam) or is still replaying (then it waits in the buffer).
   */
  deliver(seq: number, frame: string): boolean {
    if (seq <= this.lastSeq) return false;
    if (this.buffer !== null) {
      this.buffer.push({ seq, frame });
      return false;
    }
    this.lastSeq = seq;
    this.send(frame);
    return true;
  }

  /** Closes once; later calls do nothing. */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#socket.close(code, reason);
    } catch {
      // Already closing.
    }
  }

  /** Marks the socket gone without sending a close frame. */
  markClosed(): void {
    this.#closed = true;
  }
}
