import {
  eventId,
  eventSeq,
  latestEventId,
  readEventsAfter,
  type StoredEvent,
} from "@/lib/store/event_log.ts";
import { logError } from "./frames.ts";

/**
 * Follows the event log from a cursor and hands each event on exactly once,
 * in log order. Events come in from this process's commits
 * ({@linkcode accept}) and from reads of the log ({@linkcode pull}: on a
 * wake-up from the bus, on the safety-net poll, or when a gap shows that
 * another process committed in between).
 */
export class LogFollower {
  #kv: Deno.Kv;
  #route: (seq: number, event: StoredEvent) => void;
  #cursor = 0;
  #pulling = false;
  #pullAgain = false;
  #stopped = false;

  /** `route` receives each event after the cursor, in order. */
  constructor(
    kv: Deno.Kv,
    route: (seq: number, event: StoredEvent) => void,
  ) {
    this.#kv = kv;
    this.#route = route;
  }

  /** Sequence of the newest event handed on. */
  get seq(): number {
    return this.#cursor;
  }

  /** Starts from the log's head: events before it are not handed on. */
  async start(): Promise<void> {
    this.#cursor = eventSeq(await latestEventId(this.#kv)) ?? 0;
  }

  /** Stops reading the log; a read under way ends after its page. */
  stop(): void {
    this.#stopped = true;
  }

  /** Routes events in log order; a gap triggers a read of the log. */
  accept(events: StoredEvent[]): void {
    for (const event of events) {
      const seq = eventSeq(event.id)!;
      if (seq <= this.#cursor) continue;
      if (seq !== this.#cursor + 1) {
        this.pull();
        return;
      }
      this.#cursor = seq;
      this.#route(seq, event);
    }
  }

  /** Reads the log after the cursor; one read at a time, repeated if asked meanwhile. */
  pull(): void {
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
          this.accept(page.events);
          if (page.more) this.#pullAgain = true;
        } while (this.#pullAgain && !this.#stopped);
      } catch (error) {
        logError(error);
      } finally {
        this.#pulling = false;
      }
    })();
  }
}
