import type { Role } from "@/lib/roles.ts";
import type { Connection } from "./connection.ts";

/**
 * The open sockets of one instance, indexed by role and by user, so an
 * event reaches its audience without a look at every socket.
 */
export class Rooms {
  #all = new Set<Connection>();
  #byRole = new Map<Role, Set<Connection>>();
  #byUser = new Map<string, Set<Connection>>();

  /** Open sockets. */
  get size(): number {
    return this.#all.size;
  }

  /** Users with at least one open socket. */
  get users(): number {
    return this.#byUser.size;
  }

  /** Every open socket, in the order they joined. */
  [Symbol.iterator](): IterableIterator<Connection> {
    return this.#all.values();
  }

  /** The sockets of users holding `role`. */
  ofRole(role: Role): ReadonlySet<Connection> | undefined {
    return this.#byRole.get(role);
  }

  /** The sockets of one user. */
  ofUser(userId: string): ReadonlySet<Connection> | undefined {
    return this.#byUser.get(userId);
  }

  /** Open sockets per role (roles without one left out). */
  roleCounts(): Partial<Record<Role, number>> {
    const counts: Partial<Record<Role, number>> = {};
    for (const [role, set] of this.#byRole) {
      if (set.size > 0) counts[role] = set.size;
    }
    return counts;
  }

  /** Adds an opened socket to its role's and its user's rooms. */
  join(conn: Connection): void {
    this.#all.add(conn);
    roomOf(this.#byRole, conn.user.role).add(conn);
    roomOf(this.#byUser, conn.user.id).add(conn);
  }

  /** Removes a socket; false when it was not in (never opened, or gone). */
  leave(conn: Connection): boolean {
    if (!this.#all.delete(conn)) return false;
    this.#byRole.get(conn.user.role)?.delete(conn);
    const mine = this.#byUser.get(conn.user.id);
    mine?.delete(conn);
    if (mine?.size === 0) this.#byUser.delete(conn.user.id);
    return true;
  }

  /** Moves a socket to the room of its user's new role. */
  changeRole(conn: Connection, role: Role): void {
    if (conn.user.role === role) return;
    this.#byRole.get(conn.user.role)?.delete(conn);
    roomOf(this.#byRole, role).add(conn);
  }

  /** Sends one serialized frame to every open socket. */
  sendAll(frame: string): void {
    for (const conn of this.#all) conn.send(frame);
  }
}

function roomOf<K>(rooms: Map<K, Set<Connection>>, key: K): Set<Connection> {
  let room = rooms.get(key);
  if (room === undefined) rooms.set(key, room = new Set());
  return room;
}
