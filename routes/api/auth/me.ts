import { requireUser } from "../../../lib/auth/middleware.ts";
import { define } from "../../../lib/state.ts";

export const handler = define.handlers({
  GET(ctx) {
    return ctx.json({ user: requireUser(ctx) });
  },
});
