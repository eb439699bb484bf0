import { type Context, HttpError } from "fresh";
import { canOpen } from "@/lib/policy.ts";
import type { State } from "./state.ts";

/** 403 unless the user is in the production office (status page, API). */
export function requireStatusAccess(ctx: Context<State>): void {
  const user = ctx.state.user;
  if (user === null) throw new HttpError(401);
  if (!canOpen(user.role, "status")) {
    throw new HttpError(403, "Only the production office sees system status");
  }
}
