import { EVENT_HEAD_KEY, eventId } from "../lib/store/event_log.ts";

/** Key whose change tells instances that someone's presence changed. */
export const PRESENCE_REV_KEY: Deno.KvKey = ["presence_rev"];

/** What instances tell each other. */
export type BusMessage =
  | { kind: "events"; headId: string }
  | { kind: "presence" };

/**
 * Tells hub instances that the event log has grown or presence changed. A
 * message carries only the newest event id: the log itself is the source of
 * truth, so a lost message delays an event (until the next message or poll)
 * but never loses it.
 */
export interface Bus {
  /** Tells the other instances. */
  publish(message: BusMessage): void;
  /** Calls `listener` with what other instances published. */
  subscribe(listener: (message: BusMessage) => void): void;
  /** Stops listening and releases resources. */
  close(): void;
}

/**
 * A bus over `BroadcastChannel`: reaches the other isolates of a process
 * (workers) and the isolates of a Deno Deploy deployment.
 */
export class BroadcastChannelBus implements Bus {
  #channel: BroadcastChannel;
  #drop: () => boolean;

  /**
   * `drop` lets tests lose outgoing messages on purpose, to show the log
   * still delivers.
   */
  constructor(
    name = "prodsight-events",
    options: { drop?: () => boolean } = {},
  ) {
    this.#channel = new BroadcastChannel(name);
    this.#drop = options.drop ?? (() => false);
  }

  publish(message: BusMessage): void {
    if (!this.#drop()) this.#channel.postMessage(message);
  }

  subscribe(listener: (message: BusMessage) => void): void {
    this.#channel.onmessage = (e: MessageEvent) => {
      const m = e.data as BusMessage;
      if (m?.kind === "presence") listener({ kind: "presence" });
      else if (m?.kind === "events" && typeof m.headId === "string") {
        listener({ kind: "events", headId: m.headId });
      }
    };
  }

  close(): void {
    this.#channel.close();
  }
}

/**
 * A bus over a Deno KV watch of the log's head key (and the presence
 * revision): every commit that appends an event changes the head, so
 * publishing is the commit itself.
 * Works on hosted KV and self-hosted denokv; on a shared SQLite file it sees
 * only this process's writes (the hub's poll covers the rest).
 */
export class KvWatchBus implements Bus {
  #kv: Deno.Kv;
  #stream: ReadableStream<Deno.KvEntryMaybe<unknown>[]> | null = null;
  #closed = false;

  /** Watches `kv`. */
  constructor(kv: Deno.Kv) {
    this.#kv = kv;
  }

  publish(): void {
    // The commit that wrote the event already changed the watched key.
  }

  subscribe(listener: (message: BusMessage) => void): void {
    const stream = this.#kv.watch([EVENT_HEAD_KEY, PRESENCE_REV_KEY]);
    this.#stream = stream;
    let lastPresence: string | null = null;
    (async () => {
      try {
        for await (const [head, presence] of stream) {
          if (this.#closed) break;
          if (typeof head.value === "number") {
            listener({ kind: "events", headId: eventId(head.value) });
          }
          if (presence.versionstamp !== lastPresence) {
            lastPresence = presence.versionstamp;
            listener({ kind: "presence" });
          }
        }
      } catch (error) {
        if (!this.#closed) console.error("KV watch ended:", error);
      }
    })();
  }

  close(): void {
    this.#closed = true;
    this.#stream?.cancel().catch(() => {});
  }
}
