import { page } from "fresh";
import { z } from "zod";
import { issueErrors } from "@/components/FormFields.tsx";
import {
  JoinMemberForm,
  NewMemberForm,
} from "@/components/team/MemberForms.tsx";
import { readForm } from "@/lib/http/body.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { can } from "@/lib/policy.ts";
import { type Role, ROLE_LABELS } from "@/lib/roles.ts";
import { RoleSchema } from "@/lib/role_schema.ts";
import { define } from "@/server/state.ts";
import { ExistingMemberSchema, NewUserSchema } from "@/lib/team/schemas.ts";
import {
  accountsManagedBy,
  addExistingMember,
  createUser,
  removeMember,
  teamMembers,
  updateUser,
} from "@/lib/team/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { grantableRoles } from "@/lib/team/grants.ts";
import type { ManagedUser } from "@/lib/team/shared.ts";
import { inProduction } from "@/lib/production/paths.ts";

/** The team page after a change, saying which (`?done=`). */
function teamPage(slug: string, done: string): string {
  return inProduction(slug, `/team?done=${done}`);
}

interface TeamData {
  members: ManagedUser[];
  manager: boolean;
  /** The roles the viewer may give out (and change members who have). */
  grantable: Role[];
  /**
   * Members whose account (active or not) the viewer may change: not those
   * who also work on a production where the viewer could not change them.
   */
  accounts: string[];
  notice: string | null;
  error: string | null;
  fieldErrors: Record<string, string>;
  draft: Record<string, string>;
}

const NOTICES: Record<string, string> = {
  created: "Crew member added. Share their temporary password with them.",
  updated: "Team member updated.",
  joined: "Added to the production with their existing account.",
  removed: "Removed from the production. Their account stays in the studio.",
};

const RowAction = z.object({
  intent: z.enum(["role", "active", "remove"]),
  id: z.string().min(1),
  version: z.coerce.number().int().positive(),
  role: RoleSchema.optional(),
  active: z.enum(["true", "false"]).optional(),
});

/** The members whose account a manager may (de)activate from here. */
async function accountsOf(
  ctx: Parameters<typeof serviceContextOf>[0],
  members: ManagedUser[],
  manager: boolean,
): Promise<string[]> {
  if (!manager) return [];
  const cx = serviceContextOf(ctx);
  return [...await accountsManagedBy(cx, members.map((m) => m.id))];
}

export const handler = define.handlers({
  async GET(ctx) {
    const user = ctx.state.user!;
    const manager = can(user, "team", "write");
    const notice = NOTICES[ctx.url.searchParams.get("done") ?? ""] ?? null;
    const members = await teamMembers(serviceContextOf(ctx));
    return page<TeamData>({
      members,
      manager,
      grantable: grantableRoles(user),
      accounts: await accountsOf(ctx, members, manager),
      notice,
      error: null,
      fieldErrors: {},
      draft: {},
    });
  },
  async POST(ctx) {
    const actor = ctx.state.user!;
    const manager = can(actor, "team", "write");
    const form = Object.fromEntries(await readForm(ctx.req));
    const draft = { ...form, password: "" };
    const fail = async (
      status: number,
      error: string,
      fieldErrors: Record<string, string> = {},
    ) => {
      const members = await teamMembers(serviceContextOf(ctx));
      return page<TeamData>({
        members,
        manager,
        grantable: grantableRoles(actor),
        accounts: await accountsOf(ctx, members, manager),
        notice: null,
        error,
        fieldErrors,
        draft,
      }, { status });
    };
    try {
      if (form.intent === "create") {
        const parsed = NewUserSchema.safeParse({
          username: form.username,
          name: form.name,
          role: form.role,
          password: form.password,
        });
        if (!parsed.success) {
          return await fail(
            400,
            "Check the highlighted fields.",
            issueErrors(parsed.error.issues),
          );
        }
        await createUser(serviceContextOf(ctx), parsed.data);
        return ctx.redirect(teamPage(ctx.params.slug, "created"), 303);
      }
      if (form.intent === "join") {
        const parsed = ExistingMemberSchema.safeParse({
          username: form.username,
          role: form.role,
        });
        if (!parsed.success) {
          return await fail(400, "Give the username of an account and a role.");
        }
        await addExistingMember(serviceContextOf(ctx), parsed.data);
        return ctx.redirect(teamPage(ctx.params.slug, "joined"), 303);
      }
      const action = RowAction.safeParse(form);
      if (!action.success) {
        return await fail(400, "That change was not understood.");
      }
      const { id, version, intent } = action.data;
      if (intent === "remove") {
        await removeMember(serviceContextOf(ctx), id, version);
        return ctx.redirect(teamPage(ctx.params.slug, "removed"), 303);
      }
      const patch = intent === "role"
        ? { role: action.data.role }
        : { active: action.data.active === "true" };
      await updateUser(serviceContextOf(ctx), id, patch, version);
      return ctx.redirect(teamPage(ctx.params.slug, "updated"), 303);
    } catch (error) {
      const e = toApiError(error);
      const message = e.code === "version_conflict"
        ? "Someone changed this member meanwhile; the list below is current."
        : e.code === "not_found" && form.intent === "join"
        ? `No account is called "${form.username}".`
        : e.message;
      return await fail(e.status, message);
    }
  },
});

export default define.page<typeof handler>(function Team({ data, state }) {
  const { fieldErrors: errors, draft } = data;
  // The add form's errors show in the form; others above the list.
  const formFailed = Object.keys(errors).length > 0;
  return (
    <>
      <header class="page-header">
        <h1>Team</h1>
        <p class="muted">
          {data.members.filter((m) => m.active).length} active members
        </p>
      </header>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      {data.error && !formFailed && (
        <p class="form-error" role="alert">{data.error}</p>
      )}
      <div
        class="table-wrap"
        tabIndex={0}
        role="region"
        aria-label="Team members"
      >
        <table class="table team-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {data.manager && <th scope="col">Username</th>}
              <th scope="col">Role</th>
              {data.manager && <th scope="col">Status</th>}
              {data.manager && (
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.members.map((member) => {
              const self = member.id === state.user!.id;
              // Only members whose role is within the viewer's rights.
              const managed = data.manager && !self &&
                data.grantable.includes(member.role);
              return (
                <tr key={member.id} class={member.active ? "" : "inactive"}>
                  <td class="team-name">{member.name}{self && " (you)"}</td>
                  {data.manager && (
                    <td class="team-username">{member.username}</td>
                  )}
                  <td class="team-role">
                    {managed
                      ? (
                        <form method="post" class="inline-form">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="id" value={member.id} />
                          <input
                            type="hidden"
                            name="version"
                            value={member.version}
                          />
                          <label
                            class="visually-hidden"
                            for={`role-${member.id}`}
                          >
                            Role of {member.name}
                          </label>
                          <select id={`role-${member.id}`} name="role">
                            {data.grantable.map((role) => (
                              <option
                                value={role}
                                selected={role === member.role}
                              >
                                {ROLE_LABELS[role]}
                              </option>
                            ))}
                          </select>
                          <button type="submit" class="button button-quiet">
                            Save
                          </button>
                        </form>
                      )
                      : ROLE_LABELS[member.role]}
                  </td>
                  {data.manager && (
                    <td class="team-status">
                      {member.active ? "Active" : "Deactivated"}
                    </td>
                  )}
                  {data.manager && (
                    <td class="team-actions">
                      {managed && data.accounts.includes(member.id) && (
                        <form method="post" class="inline-form">
                          <input type="hidden" name="intent" value="active" />
                          <input type="hidden" name="id" value={member.id} />
                          <input
                            type="hidden"
                            name="version"
                            value={member.version}
                          />
                          <input
                            type="hidden"
                            name="active"
                            value={String(!member.active)}
                          />
                          <button type="submit" class="button button-quiet">
                            {member.active ? "Deactivate" : "Reactivate"}
                          </button>
                        </form>
                      )}
                      {managed && (
                        <form method="post" class="inline-form">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="id" value={member.id} />
                          <input
                            type="hidden"
                            name="version"
                            value={member.version}
                          />
                          <button
                            type="submit"
                            class="button button-quiet"
                            aria-label={`Remove ${member.name} from the production`}
                          >
                            Remove
                          </button>
                        </form>
                      )}
                      {!managed && !self && (
                        <span class="muted">
                          Your role cannot change this member
                        </span>
                      )}
                      {managed && !data.accounts.includes(member.id) && (
                        <span class="muted">
                          Also works on other productions: a studio admin
                          manages their account
                        </span>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {data.manager && (
        <div class="team-forms">
          <NewMemberForm
            grantable={data.grantable}
            errors={data.fieldErrors}
            draft={draft}
            message={formFailed ? data.error : null}
          />
          <JoinMemberForm grantable={data.grantable} />
        </div>
      )}
    </>
  );
});
