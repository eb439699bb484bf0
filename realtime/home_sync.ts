import { logError } from "./frames.ts";
import type { HomeRoom } from "./home_room.ts";

/** What a {@linkcode HomeSync} reads. */
export interface HomeSyncOptions {
  /** The home sockets of the instance. */
  room: Pick<
    HomeRoom,
    "followed" | "accounts" | "activity" | "setMemberships"
  >;
  /** The sequence of the newest event in a production's log (0: none). */
  head(productionId: string): Promise<number>;
  /** The productions an account is a member of now. */
  memberships(accountId: string): Promise<string[]>;
  /** Whether a hub of the instance follows that log (it hints by itself). */
  hasHub(productionId: string): boolean;
}

/**
 * Keeps the home sockets' hints whole when the bus folds wake-ups
 * together. The bus watches one studio-wide key for "a log moved" and one
 * for "a membership changed" (DESIGN §7: a few fixed keys, never one per
 * production), and a KV watch reports only a key's latest value: two
 * changes close together arrive as one wake-up that names the second. A
 * production's hub catches up by reading its own log; the home sockets
 * have no log, so on each wake-up (and each safety-net poll) this reads
 * what they follow instead: the heads of the logs of their productions
 * that no hub here follows, and the memberships of their accounts.
 */
export class HomeSync {
  #options: HomeSyncOptions;
  /** The last head read of each followed production's log. */
  #heads = new Map<string, number>();
  /** Productions wake-ups named since the last read of the heads. */
  #named = new Set<string>();
  #logs = new Serial();
  #members = new Serial();
  #stopped = false;

  /** Reads through `options`. */
  constructor(options: HomeSyncOptions) {
    this.#options = options;
  }

  /**
   * Notes the heads of productions a home socket starts to follow, so a
   * later wake-up can tell whether their logs moved.
   */
  follow(productionIds: Iterable<string>): void {
    for (const id of productionIds) {
      if (this.#heads.has(id)) continue;
      this.#options.head(id).then((seq) => {
        if (!this.#heads.has(id)) this.#heads.set(id, seq);
      }).catch((error) => this.#failed(error));
    }
  }

  /** Stops: reads still under way end quietly (the store is closing). */
  stop(): void {
    this.#stopped = true;
  }

  #failed(error: unknown) {
    if (!this.#stopped) logError(error);
  }

  /**
   * Some log moved (`named`, when the wake-up said which): hints each
   * followed production whose log moved since it was last read.
   */
  logsMoved(named?: string): Promise<void> {
    if (named !== undefined) this.#named.add(named);
    return this.#logs.run(async () => {
      if (this.#stopped) return;
      const { room, head, hasHub } = this.#options;
      const named = new Set(this.#named);
      this.#named.clear();
      const followed = [...room.followed()].filter((id) => !hasHub(id));
      for (const id of this.#heads.keys()) {
        if (!followed.includes(id)) this.#heads.delete(id);
      }
      const seqs = await Promise.all(followed.map((id) => head(id)));
      followed.forEach((id, i) => {
        const last = this.#heads.get(id);
        this.#heads.set(id, seqs[i]);
        // A log first read now moved if the wake-up said so.
        if (last === undefined ? named.has(id) : seqs[i] > last) {
          room.activity(id);
        }
      });
    }).catch((error) => this.#failed(error));
  }

  /**
   * Some membership changed: reads the memberships of every account with
   * a home socket again, and tells each socket what changed for it.
   */
  membershipsMoved(): Promise<void> {
    return this.#members.run(async () => {
      const { room, memberships } = this.#options;
      for (const accountId of room.accounts()) {
        if (this.#stopped) return;
        room.setMemberships(accountId, await memberships(accountId));
      }
    }).catch((error) => this.#failed(error));
  }
}

/** Runs one task at a time; a call during a run asks for one more run. */
class Serial {
  #running: Promise<void> | null = null;
  #again = false;

  run(task: () => Promise<void>): Promise<void> {
    if (this.#running !== null) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await task();
        } while (this.#again);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }
}
