import { requireUser } from "@/server/auth_middleware.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  GET(ctx) {
    return ctx.json({ user: requireUser(ctx) });
  },
});
