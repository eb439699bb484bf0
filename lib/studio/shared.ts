/**
 * Studio administration, browser-safe: what the admin page and the
 * studio API show of productions and accounts (DESIGN §3: studio admins
 * create productions and accounts, archive productions and see who is a
 * member of what). Never a password hash.
 *
 * @module
 */
import type { ProductionView } from "@/lib/production/shared.ts";
import type { Role } from "@/lib/roles.ts";

/** A production as studio admins see it: its settings and its team's size. */
export interface StudioProductionView extends ProductionView {
  /** Accounts holding a role in it. */
  memberCount: number;
}

/** One production an account is a member of, with its role there. */
export interface AccountMembershipView {
  productionId: string;
  slug: string;
  title: string;
  role: Role;
}

/** An account as studio admins see it (`GET /api/accounts`). */
export interface AccountView {
  id: string;
  /** Moves with every change of the account (`If-Match`). */
  version: number;
  username: string;
  name: string;
  active: boolean;
  /** Administers the studio. */
  admin: boolean;
  /** Its productions, in the order they were created. */
  memberships: AccountMembershipView[];
}
