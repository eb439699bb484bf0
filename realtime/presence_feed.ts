import type { Bus } from "./bus.ts";
import type { Clock, TimerId } from "./clock.ts";
import { logError } from "./frames.ts";
import { Presence } from "./presence.ts";
import type { FrameUser, ServerFrame } from "./protocol.ts";
import type { Rooms } from "./rooms.ts";

/** What a {@linkcode PresenceFeed} needs from the hub. */
export interface PresenceFeedOptions {
  kv: Deno.Kv;
  instanceId: string;
  /** The production whose presence this is (named on the bus). */
  productionId: string;
  bus: Bus;
  rooms: Rooms;
  clock: Clock;
  /** Changes are coalesced over at least this long, ms. */
  debounceMs: number;
}

/**
 * Who is online, as this instance's sockets see it: sockets opening and
 * closing change this instance's {@linkcode Presence}, which is published
 * (debounced) and announced to the other instances over the bus; every
 * change of the merged list goes to every socket as a `presence` frame.
 */
export class PresenceFeed {
  #options: PresenceFeedOptions;
  #presence: Presence;
  #timer: TimerId | undefined;
  #stopped = false;

  /** Creates the feed of one hub. */
  constructor(options: PresenceFeedOptions) {
    this.#options = options;
    this.#presence = new Presence(options.kv, options.instanceId, (list) => {
      options.rooms.sendAll(
        JSON.stringify({ type: "presence", data: list } satisfies ServerFrame),
      );
    });
  }

  /** Users online across instances. */
  get total(): number {
    return this.#presence.list().total;
  }

  /** The current list as a `presence` frame, for a socket that just opened. */
  frame(): string {
    return JSON.stringify(
      {
        type: "presence",
        data: this.#presence.list(),
      } satisfies ServerFrame,
    );
  }

  /** A socket of `user` opened. */
  join(user: FrameUser): void {
    if (this.#presence.add(user)) this.changed();
  }

  /** A socket of `userId` closed. */
  leave(userId: string): void {
    if (this.#presence.remove(userId)) this.changed();
  }

  /** Updates the name and role shown for an online user. */
  rename(user: FrameUser): void {
    this.#presence.rename(user);
  }

  /** Publishes this instance's list and reads the others' (at start). */
  async start(): Promise<void> {
    await this.#presence.publish();
    await this.#presence.refresh();
  }

  /** The periodic refresh: keeps this instance's record alive, rereads the others. */
  heartbeat(): void {
    this.#presence.publish().then(() => this.#presence.refresh())
      .catch(logError);
  }

  /** Rereads the other instances' lists (another instance announced a change). */
  refresh(): void {
    this.#presence.refresh().catch(logError);
  }

  /** Schedules a publish and announcement of this instance's list. */
  changed(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    const { clock, debounceMs, rooms, bus } = this.#options;
    // Every broadcast goes to every socket: the more sockets, the longer
    // changes are coalesced (1 ms per socket, at most 10 s).
    const delay = Math.min(10_000, debounceMs + rooms.size);
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      this.#presence.publish().then(() =>
        bus.publish({
          kind: "presence",
          productionId: this.#options.productionId,
        })
      )
        .catch(logError);
    }, delay);
  }

  /** Stops publishing changes (shutdown). */
  stop(): void {
    this.#stopped = true;
    this.#options.clock.clear(this.#timer ?? null);
  }

  /** Removes this instance's record (clean shutdown). */
  withdraw(): Promise<void> {
    return this.#presence.withdraw();
  }
}
