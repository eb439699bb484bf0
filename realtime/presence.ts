import { z } from "zod";
import { PRESENCE_REV_KEY } from "./bus.ts";
import { type FrameUser, FrameUserSchema } from "./protocol.ts";

/** Each instance's record expires unless refreshed, so a crash leaves no ghosts. */
export const PRESENCE_TTL_MS = 30_000;
/**
 * Names listed in a presence frame; the frame also carries the total. A
 * crew fits easily; a 10,000-user crowd must not turn every change into a
 * megabyte sent to every socket.
 */
export const PRESENCE_LIST_MAX = 20;
const PRESENCE = "presence";

const RecordSchema = z.object({
  users: z.array(FrameUserSchema),
  count: z.number().int().min(0),
});

/** Who is online: a name-sorted list (at most {@linkcode PRESENCE_LIST_MAX}) and the total. */
export interface PresenceList {
  users: FrameUser[];
  total: number;
}

/**
 * Who is online: this instance counts sockets per user and publishes its
 * list to KV (with expiry); the full picture is the union over instances.
 */
export class Presence {
  #kv: Deno.Kv;
  #instanceId: string;
  #local = new Map<string, { user: FrameUser; sockets: number }>();
  #remote: z.infer<typeof RecordSchema>[] = [];
  #onChange: (list: PresenceList) => void;
  #last = "";

  /** `onChange` receives the list whenever it changes. */
  constructor(
    kv: Deno.Kv,
    instanceId: string,
    onChange: (list: PresenceList) => void,
  ) {
    this.#kv = kv;
    this.#instanceId = instanceId;
    this.#onChange = onChange;
  }

  /** A socket of `user` opened; true when the user just came online here. */
  add(user: FrameUser): boolean {
    const entry = this.#local.get(user.id);
    if (entry) {
      entry.sockets++;
      entry.user = user;
      return false;
    }
    this.#local.set(user.id, { user, sockets: 1 });
    return true;
  }

  /** A socket of `userId` closed; true when the user left this instance. */
  remove(userId: string): boolean {
    const entry = this.#local.get(userId);
    if (!entry) return false;
    if (--entry.sockets > 0) return false;
    this.#local.delete(userId);
    return true;
  }

  /** Updates the name/role shown for an online user. */
  rename(user: FrameUser): void {
    const entry = this.#local.get(user.id);
    if (entry) entry.user = user;
  }

  /**
   * The merged list. The total counts a user online on two instances twice
   * only when neither instance lists them (beyond the cap): an estimate at
   * crowd sizes, exact for a crew.
   */
  list(): PresenceList {
    const all = new Map<string, FrameUser>();
    let total = this.#local.size;
    for (const record of this.#remote) {
      let listedHere = 0;
      for (const user of record.users) {
        if (this.#local.has(user.id) || all.has(user.id)) listedHere++;
        else all.set(user.id, user);
      }
      total += record.count - listedHere;
    }
    for (const { user } of this.#local.values()) all.set(user.id, user);
    const users = sortByName([...all.values()]).slice(0, PRESENCE_LIST_MAX);
    return { users, total };
  }

  /** Writes this instance's list (refreshing its expiry). */
  async publish(): Promise<void> {
    const users = sortByName([...this.#local.values()].map((e) => e.user))
      .slice(0, PRESENCE_LIST_MAX);
    await this.#kv.atomic()
      .set([PRESENCE, this.#instanceId], { users, count: this.#local.size }, {
        expireIn: PRESENCE_TTL_MS,
      })
      .set(PRESENCE_REV_KEY, crypto.randomUUID())
      .commit();
    this.#emitIfChanged();
  }

  /** Reads the other instances' lists. */
  async refresh(): Promise<void> {
    const remote: z.infer<typeof RecordSchema>[] = [];
    for await (const entry of this.#kv.list({ prefix: [PRESENCE] })) {
      if (entry.key[1] === this.#instanceId) continue;
      const parsed = RecordSchema.safeParse(entry.value);
      if (parsed.success) remote.push(parsed.data);
    }
    this.#remote = remote;
    this.#emitIfChanged();
  }

  /** Removes this instance's record (clean shutdown). */
  async withdraw(): Promise<void> {
    await this.#kv.atomic().delete([PRESENCE, this.#instanceId])
      .set(PRESENCE_REV_KEY, crypto.randomUUID()).commit();
  }

  #emitIfChanged() {
    const list = this.list();
    const key = JSON.stringify(list);
    if (key === this.#last) return;
    this.#last = key;
    this.#onChange(list);
  }
}

function sortByName(users: FrameUser[]): FrameUser[] {
  return users.sort((a, b) =>
    a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
  );
}
