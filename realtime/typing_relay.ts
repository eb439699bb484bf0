import { type Audience, inAudience } from "@/lib/policy.ts";
import type { Clock } from "./clock.ts";
import type { Connection } from "./connection.ts";
import { errorFrame, logError } from "./frames.ts";
import type { ServerFrame } from "./protocol.ts";
import type { Rooms } from "./rooms.ts";
import { TypingGate } from "./typing.ts";

/** What a {@linkcode TypingRelay} needs from the hub. */
export interface TypingRelayOptions {
  rooms: Rooms;
  clock: Clock;
  /** At most one typing frame per target per this long, ms. */
  windowMs: number;
  /** Who may see typing on `target`; null when there is no such record. */
  audience: (target: string) => Promise<Audience | null>;
}

/**
 * Relays typing notices: each socket's {@linkcode TypingGate} throttles
 * what it sends and checks its targets; what passes goes to the target's
 * current readers, never back to the typist.
 */
export class TypingRelay {
  #options: TypingRelayOptions;

  /** Creates the relay of one hub. */
  constructor(options: TypingRelayOptions) {
    this.#options = options;
  }

  /** A `typing` frame from `conn`: through its gate, made on the first one. */
  offer(conn: Connection, target: string, active: boolean): void {
    conn.typing ??= this.#gate(conn);
    conn.typing.offer(target, active);
  }

  /** The socket's typing throttle: checks targets, relays to readers. */
  #gate(conn: Connection): TypingGate {
    return new TypingGate({
      windowMs: this.#options.windowMs,
      clock: this.#options.clock,
      check: async (target) => {
        const audience = await this.#options.audience(target);
        return audience !== null && inAudience(conn.user, audience);
      },
      relay: (target, active) => {
        this.#relay(conn, target, active).catch(logError);
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
  async #relay(conn: Connection, target: string, active: boolean) {
    // Read again: the record may be gone or the reader changed meanwhile.
    const audience = await this.#options.audience(target);
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
    const { rooms } = this.#options;
    for (const role of audience.roles) rooms.ofRole(role)?.forEach(send);
    for (const id of audience.users) rooms.ofUser(id)?.forEach(send);
  }
}
