/**
 * The team, browser-safe: what the API, the team page and the other
 * pages show of a production's members. Never a password hash.
 *
 * @module
 */
import type { Role } from "@/lib/roles.ts";

/** What everyone may see of a user (DESIGN §4 `GET /api/users`). */
export interface PublicUser {
  id: string;
  name: string;
  role: Role;
}

/** What team managers see: also the username, status and version. */
export interface ManagedUser extends PublicUser {
  username: string;
  active: boolean;
  version: number;
}

/**
 * A member as pages name people on records: past (deactivated) members
 * too, so a record assigned to one still says who, and whether each is
 * active, so only active ones are offered as choices.
 */
export interface RosterEntry extends PublicUser {
  active: boolean;
}
