import { z } from "zod";
import { PRESENCE_REV_KEY } from "./bus.ts";
import { type FrameUser, FrameUserSchema } from "./protocol.ts";

/** Each instance's record expires unless refreshed, so a crash leaves no ghosts. */
export const PRESENCE_TTL_MS = 30_000;
const PRESENCE = "presence";

const RecordSchema = z.object({ users: z.array(FrameUserSchema) });

/**
 * Who is online: this instance counts sockets per user and publishes its
 * list to KV (with expiry); the full list is the union over instances.
 */
export class Presence {
  #kv: Deno.Kv;
  #instanceId: string;
  #local = new Map<string, { user: FrameUser; sockets: number }>();
  #remote: FrameUser[] = [];
  #onChange: (users: FrameUser[]) => void;
  #last = "";

  /** `onChange` receives the full list whenever it changes. */
  constructor(
    kv: Deno.Kv,
    instanceId: string,
    onChange: (users: FrameUser[]) => void,
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

  /** The merged list, sorted by name. */
  users(): FrameUser[] {
    const all = new Map<string, FrameUser>();
    for (const user of this.#remote) all.set(user.id, user);
    for (const { user } of this.#local.values()) all.set(user.id, user);
    return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Writes this instance's list (refreshing its expiry). */
  async publish(): Promise<void> {
    const users = [...this.#local.values()].map((e) => e.user);
    await this.#kv.atomic()
      .set([PRESENCE, this.#instanceId], { users }, {
        expireIn: PRESENCE_TTL_MS,
      })
      .set(PRESENCE_REV_KEY, crypto.randomUUID())
      .commit();
    this.#emitIfChanged();
  }

  /** Reads the other instances' lists. */
  async refresh(): Promise<void> {
    const remote: FrameUser[] = [];
    for await (const entry of this.#kv.list({ prefix: [PRESENCE] })) {
      if (entry.key[1] === this.#instanceId) continue;
      const parsed = RecordSchema.safeParse(entry.value);
      if (parsed.success) remote.push(...parsed.data.users);
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
    const users = this.users();
    const key = JSON.stringify(users);
    if (key === this.#last) return;
    this.#last = key;
    this.#onChange(users);
  }
}
