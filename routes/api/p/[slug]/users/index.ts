import { serviceContextOf } from "@/server/service_context.ts";
import { readJson } from "@/lib/http/body.ts";
import { define } from "@/server/state.ts";
import { AddMemberSchema, isNewAccount } from "@/lib/team/schemas.ts";
import { addExistingMember, createUser, listTeam } from "@/lib/team/service.ts";

export const handler = define.handlers({
  /** The team: managers see every member in full, others the active ones. */
  async GET(ctx) {
    return ctx.json(await listTeam(serviceContextOf(ctx)));
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
