import { withDeadline } from "./deadline.ts";

/**
 * A WebSocket test client that records every frame and lets a test await
 * the frame it expects, never a fixed sleep.
 */
export class TestSocket {
  readonly frames: Record<string, unknown>[] = [];
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: {
    match: (f: Record<string, unknown>) => boolean;
    resolve: (f: Record<string, unknown>) => void;
  }[] = [];

  /** Connects to `url` with `headers` (Deno's client accepts them). */
  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers } as unknown as string[]);
    this.opened = new Promise((resolve, reject) => {
      this.socket.onopen = () => resolve();
      this.socket.onerror = (e) => reject(new Error((e as ErrorEvent).message));
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => {
      this.socket.onclose = (e) => resolve({ code: e.code, reason: e.reason });
    });
    this.socket.onmessage = (e) => {
      const frame = JSON.parse(e.data);
      this.frames.push(frame);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    };
  }

  /** Resolves with the first frame (past or future) that matches. */
  next(
    match: (frame: Record<string, unknown>) => boolean,
    timeoutMs = 5_000,
  ): Promise<Record<string, unknown>> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms; got ${
              JSON.stringify(this.frames.map((f) => f.type))
            }`,
          ),
        );
      }, timeoutMs);
      this.#waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** Resolves with the frame of `type` (and `id`, if given). */
  nextOf(type: string, id?: string, timeoutMs?: number) {
    return this.next(
      (f) => f.type === type && (id === undefined || f.id === id),
      timeoutMs,
    );
  }

  /** Event frames received (frames with an id), in order. */
  events(): { type: string; id: string; data: unknown }[] {
    return this.frames.filter((f) => typeof f.id === "string") as {
      type: string;
      id: string;
      data: unknown;
    }[];
  }

  /** Sends a JSON frame. */
  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Resolves when the socket is open; rejects after `timeoutMs`. */
  openedWithin(timeoutMs = 5_000): Promise<void> {
    return withDeadline(this.opened, timeoutMs, "the socket to open");
  }

  /** Resolves with the close code and reason; rejects after `timeoutMs`. */
  closedWithin(
    timeoutMs = 5_000,
  ): Promise<{ code: number; reason: string }> {
    return withDeadline(this.closed, timeoutMs, "the socket to close");
  }

  /**
   * Closes and waits (bounded) for the close to complete. A peer that never
   * answers the close frame does not hold the test: the wait is given up
   * with a log line.
   */
  async close(timeoutMs = 5_000): Promise<void> {
    if (this.socket.readyState < WebSocket.CLOSING) this.socket.close();
    await this.closedWithin(timeoutMs).catch((error) =>
      console.error(`TestSocket.close: ${error.message}`)
    );
  }
}
