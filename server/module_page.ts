import { type Context, HttpError } from "fresh";
import { canOpen, type Module } from "@/lib/policy.ts";
import type { State } from "./state.ts";

/** For page handlers: 403 unless the user's role may open `module`. */
export function requireModule(ctx: Context<State>, module: Module): void {
  const user = ctx.state.user;
  if (user === null || !canOpen(user.role, module)) {
    throw new HttpError(403, "Your role cannot open this module");
  }
}
