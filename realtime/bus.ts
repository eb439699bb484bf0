import {
  eventId,
  LOG_MOVED_KEY,
  type LogMoved,
} from "@/lib/store/event_log.ts";
import {
  MEMBERSHIP_MOVED_KEY,
  type MembershipMoved,
} from "@/lib/team/members.ts";
import type { ServerFrame } from "./protocol.ts";

/**
 * Key whose change tells instances that someone's presence changed in a
 * production: it holds `{productionId, rev}`.
 */
export const PRESENCE_REV_KEY: Deno.KvKey = ["bus", "presence"];

/** What {@linkcode PRESENCE_REV_KEY} holds. */
export interface PresenceRev {
  productionId: string;
  rev: string;
}

/** Key holding the latest upload progress frames, for other instances. */
export const UPLOADS_KEY: Deno.KvKey = ["bus", "uploads"];

/** An upload progress frame's data (ephemeral, DESIGN §5). */
export type UploadData = Extract<ServerFrame, { type: "upload" }>["data"];

/**
 * What instances tell each other, each about one production. An events
 * message without `headId` means "this log may have moved" (a watch that
 * coalesced changes cannot say which).
 */
export type BusMessage =
  | {
    kind: "events";
    productionId: string;
    headId?: string;
    /** The newest commit's events, when they rode along (LogMoved). */
    events?: unknown[];
  }
  | {
    kind: "memberships";
    productionId: string;
    accountId: string;
    member: boolean;
  }
  | { kind: "presence"; productionId: string }
  | { kind: "upload"; productionId: string; data: UploadData };

/**
 * Tells hub instances that a production's event log has grown or its
 * presence changed, and carries ephemeral upload progress. An events
 * message carries only the newest event id: the log itself is the source
 * of truth, so a lost message delays an event (until the next message or
 * poll) but never loses it. Upload progress is ephemeral: a lost frame is
 * overtaken by the next.
 */
export interface Bus {
  /** Tells the other instances (never this one). */
  publish(message: BusMessage): void;
  /** Calls `listener` with what other instances published. */
  subscribe(listener: (message: BusMessage) => void): void;
  /** Stops listening and releases resources. */
  close(): void;
}

/**
 * A bus over `BroadcastChannel`: reaches only the other isolates of one
 * process (e.g. the workers of `deno serve --parallel`), never another
 * process or machine, and not the instances of a Deno Deploy deployment
 * (they are isolated from each other). {@linkcode KvWatchBus} is the default
 * everywhere; this one remains for tests that drop messages on purpose.
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
      const productionId = m?.productionId;
      if (typeof productionId !== "string") return;
      if (m.kind === "presence") listener({ kind: "presence", productionId });
      else if (m.kind === "events") {
        listener({
          kind: "events",
          productionId,
          ...(typeof m.headId === "string" ? { headId: m.headId } : {}),
        });
      } else if (m.kind === "upload" && typeof m.data === "object") {
        listener({ kind: "upload", productionId, data: m.data });
      } else if (m.kind === "memberships" && typeof m.accountId === "string") {
        listener({
          kind: "memberships",
          productionId,
          accountId: m.accountId,
          member: m.member === true,
        });
      }
    };
  }

  close(): void {
    this.#channel.close();
  }
}

/** The upload frames kept for watchers (a watch may coalesce changes). */
const UPLOADS_KEPT = 16;

interface UploadRing {
  seq: number;
  frames: {
    seq: number;
    origin: string;
    productionId: string;
    data: UploadData;
  }[];
}

/**
 * A bus over a Deno KV watch of four fixed studio-wide keys (DESIGN §7:
 * never one per production): "a log moved" ({@linkcode LOG_MOVED_KEY}),
 * the presence revision, the latest upload frames and the last membership
 * change, each naming its production. Every commit that appends an event sets the first, so
 * publishing events is the commit itself.
 * KV watch crosses the workers of one process on an embedded file, the
 * processes sharing a denokv server, and the instances of a deployment on
 * Deno Deploy's hosted KV; the hub's poll of the log covers a lost wake-up.
 */
export class KvWatchBus implements Bus {
  #kv: Deno.Kv;
  #origin = crypto.randomUUID();
  #stream: ReadableStream<Deno.KvEntryMaybe<unknown>[]> | null = null;
  #closed = false;

  /** Watches `kv` (the whole store, not a production's view). */
  constructor(kv: Deno.Kv) {
    this.#kv = kv;
  }

  publish(message: BusMessage): void {
    // Events: the commit that wrote them already set the watched key.
    if (message.kind !== "upload" || this.#closed) return;
    this.#appendUpload(message.productionId, message.data).catch((error) => {
      if (!this.#closed) console.error("upload progress not shared:", error);
    });
  }

  subscribe(listener: (message: BusMessage) => void): void {
    const stream = this.#kv.watch([
      LOG_MOVED_KEY,
      PRESENCE_REV_KEY,
      UPLOADS_KEY,
      MEMBERSHIP_MOVED_KEY,
    ]);
    this.#stream = stream;
    let lastMoved: string | null = null;
    let lastMembership: string | null = null;
    let lastPresence: string | null = null;
    let lastUpload: number | null = null;
    (async () => {
      try {
        for await (const [moved, presence, uploads, membership] of stream) {
          if (this.#closed) break;
          const joined = membership.value as MembershipMoved | null;
          if (membership.versionstamp !== lastMembership) {
            // The first sight of the key is history, not news.
            if (lastMembership !== null && joined !== null) {
              listener({ kind: "memberships", ...joined });
            }
            lastMembership = membership.versionstamp ?? "";
          }
          const log = moved.value as LogMoved | null;
          if (log !== null && moved.versionstamp !== lastMoved) {
            lastMoved = moved.versionstamp;
            listener({
              kind: "events",
              productionId: log.productionId,
              headId: eventId(log.seq),
              ...(Array.isArray(log.events) ? { events: log.events } : {}),
            });
          }
          const rev = presence.value as PresenceRev | null;
          if (presence.versionstamp !== lastPresence) {
            lastPresence = presence.versionstamp;
            if (rev !== null) {
              listener({ kind: "presence", productionId: rev.productionId });
            }
          }
          const ring = uploads.value as UploadRing | null;
          // The first sight of the ring is history, not news.
          if (lastUpload === null) lastUpload = ring?.seq ?? 0;
          for (const frame of ring?.frames ?? []) {
            if (frame.seq <= lastUpload) continue;
            lastUpload = frame.seq;
            if (frame.origin !== this.#origin) {
              listener({
                kind: "upload",
                productionId: frame.productionId,
                data: frame.data,
              });
            }
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

  /** Adds a frame to the ring (one check; concurrent uploads retry). */
  async #appendUpload(productionId: string, data: UploadData) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const entry = await this.#kv.get<UploadRing>(UPLOADS_KEY);
      const ring = entry.value ?? { seq: 0, frames: [] };
      const seq = ring.seq + 1;
      const next: UploadRing = {
        seq,
        frames: [
          ...ring.frames,
          { seq, origin: this.#origin, productionId, data },
        ]
          .slice(-UPLOADS_KEPT),
      };
      const result = await this.#kv.atomic().check(entry)
        .set(UPLOADS_KEY, next).commit();
      if (result.ok) return;
    }
  }
}
