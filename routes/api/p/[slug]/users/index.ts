import { requireUser } from "@/server/auth_middleware.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { readJson } from "@/lib/http/body.ts";
import { can } from "@/lib/policy.ts";
import { define } from "@/server/state.ts";
import { AddMemberSchema, isNewAccount } from "@/lib/team/schemas.ts";
import { addExistingMember, createUser } from "@/lib/team/service.ts";
import {
  listMembers,
  toManagedUser,
  toPublicUser,
} from "@/lib/team/members.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx);
    const all = await listMembers(ctx.state.kv);
    const manager = can(user, "team", "write");
    const list = manager
      ? all.map(toManagedUser)
      : all.filter((u) => u.active).map(toPublicUser);
    list.sort((a, b) => a.name.localeCompare(b.name));
    return ctx.json(list);
  },
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const input = await readJson(ctx.req, AddMemberSchema);
    // A name and password make a new account; a username alone names an
    // account of the studio that joins this production.
    const created = isNewAccount(input)
      ? await createUser(cx, input)
      : await addExistingMember(cx, input);
    return ctx.json(created, { status: 201 });
  },
});
