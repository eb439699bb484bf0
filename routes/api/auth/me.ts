import { requireAccount } from "@/server/auth_middleware.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  // The signed-in account: studio-level, outside any production, so its
  // role there is not part of it (GET /api/productions lists those).
  GET(ctx) {
    return ctx.json({ user: requireAccount(ctx) });
  },
});
