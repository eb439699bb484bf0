import { z } from "zod";
import { productionOf } from "@/lib/store/production_kv.ts";
import { PRESENCE_REV_KEY, type PresenceRev } from "./bus.ts";
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
  /** Sorted local top of the list; null until read again after a change. */
  #top: FrameUser[] | null = null;

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
      if (entry.user.name !== user.name) this.#renamed(user);
      entry.user = user;
      return false;
    }
    this.#local.set(user.id, { user, sockets: 1 });
    // Kept in order as users arrive: a crowd connecting must not sort
    // everyone online once per socket.
    if (this.#top !== null) insertBounded(this.#top, user);
    return true;
  }

  /** A socket of `userId` closed; true when the user left this instance. */
  remove(userId: string): boolean {
    const entry = this.#local.get(userId);
    if (!entry) return false;
    if (--entry.sockets > 0) return false;
    this.#local.delete(userId);
    // Someone further down moves up: found again on the next read.
    if (this.#top?.some((u) => u.id === userId)) this.#top = null;
    return true;
  }

  /** Updates the name/role shown for an online user. */
  rename(user: FrameUser): void {
    const entry = this.#local.get(user.id);
    if (!entry) return;
    this.#renamed(user);
    entry.user = user;
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
    // The first names overall are among this instance's first names and
    // the others' lists, so the rest of the local users need no look.
    for (const user of this.#localTop()) all.set(user.id, user);
    const users = sortByName([...all.values()]).slice(0, PRESENCE_LIST_MAX);
    return { users, total };
  }

  /** Writes this instance's list (refreshing its expiry). */
  async publish(): Promise<void> {
    const users = [...this.#localTop()];
    await this.#kv.atomic()
      .set([PRESENCE, this.#instanceId], { users, count: this.#local.size }, {
        expireIn: PRESENCE_TTL_MS,
      })
      .set(PRESENCE_REV_KEY, this.#rev())
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
      .set(PRESENCE_REV_KEY, this.#rev()).commit();
  }

  /** A new revision of the studio-wide key, naming this production. */
  #rev(): PresenceRev {
    return {
      productionId: productionOf(this.#kv) ?? "",
      rev: crypto.randomUUID(),
    };
  }

  /** This instance's first {@linkcode PRESENCE_LIST_MAX} users by name. */
  #localTop(): readonly FrameUser[] {
    if (this.#top === null) {
      const top: FrameUser[] = [];
      for (const { user } of this.#local.values()) insertBounded(top, user);
      this.#top = top;
    }
    return this.#top;
  }

  /** A listed user's new name may reorder the list: found again on read. */
  #renamed(user: FrameUser) {
    const top = this.#top;
    if (top === null) return;
    if (
      top.some((u) => u.id === user.id) || top.length < PRESENCE_LIST_MAX ||
      byName(user, top[top.length - 1]) < 0
    ) this.#top = null;
  }

  #emitIfChanged() {
    const list = this.list();
    const key = JSON.stringify(list);
    if (key === this.#last) return;
    this.#last = key;
    this.#onChange(list);
  }
}

// The collator `localeCompare` would make on every call, made once.
const COLLATOR = new Intl.Collator();

function byName(a: FrameUser, b: FrameUser): number {
  return COLLATOR.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
}

function sortByName(users: FrameUser[]): FrameUser[] {
  return users.sort(byName);
}

/** Inserts `user` in name order, keeping at most the list's cap. */
function insertBounded(top: FrameUser[], user: FrameUser) {
  const full = top.length >= PRESENCE_LIST_MAX;
  if (full && byName(user, top[top.length - 1]) >= 0) return;
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byName(top[mid], user) < 0) lo = mid + 1;
    else hi = mid;
  }
  top.splice(lo, 0, user);
  if (full) top.pop();
}
