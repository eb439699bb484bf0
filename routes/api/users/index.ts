import { requirePermission, requireUser } from "@/server/auth_middleware.ts";
import { readJson } from "@/lib/http/body.ts";
import { can } from "@/lib/policy.ts";
import { define } from "@/server/state.ts";
import { createUser, NewUserSchema } from "@/lib/team/team_service.ts";
import { toManagedUser, toPublicUser, users } from "@/lib/team/users.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx);
    const all = await users.list(ctx.state.services.kv);
    const manager = can(user, "team", "write");
    const list = manager
      ? all.map(toManagedUser)
      : all.filter((u) => u.active).map(toPublicUser);
    list.sort((a, b) => a.name.localeCompare(b.name));
    return ctx.json(list);
  },
  async POST(ctx) {
    const actor = requirePermission(ctx, "team", "write");
    const input = await readJson(ctx.req, NewUserSchema);
    const created = await createUser(ctx.state.services.kv, actor, input);
    return ctx.json(created, { status: 201 });
  },
});
