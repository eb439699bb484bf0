import { page } from "fresh";
import { EmptyState } from "../../components/EmptyState.tsx";
import ActivityFeed from "../../islands/ActivityFeed.tsx";
import BudgetBurn from "../../islands/BudgetBurn.tsx";
import PresenceList from "../../islands/PresenceList.tsx";
import TaskSummary from "../../islands/TaskSummary.tsx";
import { recentActivity } from "../../lib/activity.ts";
import type { SessionUser } from "../../lib/auth/session.ts";
import { listBudget } from "../../lib/budget/budget_store.ts";
import { listTasks } from "../../lib/tasks/task_store.ts";
import {
  announce,
  NewAnnouncementSchema,
} from "../../lib/announcements/announcements.ts";
import { readForm } from "../../lib/http/body.ts";
import { toApiError } from "../../lib/http/errors.ts";
import { can, canOpen, readScope } from "../../lib/policy.ts";
import { navFor } from "../../lib/navigation.ts";
import { getProduction } from "../../lib/production.ts";
import { ROLE_LABELS, ROLES } from "../../lib/roles.ts";
import { define } from "../../lib/state.ts";
import { users } from "../../lib/team/users.ts";

/** What each module holds, for the dashboard's module list. */
const MODULE_HINTS: Record<string, string> = {
  "/script": "screenplay drafts and the scene breakdown",
  "/vfx": "shots, versions and reviews",
  "/assets": "the production's files",
};

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

const ACTIVITY_LIMIT = 15;

async function loadDashboard(kv: Deno.Kv, user: SessionUser) {
  const [production, team, tasks, activity, budget] = await Promise.all([
    getProduction(kv),
    users.list(kv),
    listTasks(kv, user),
    recentActivity(kv, user, ACTIVITY_LIMIT),
    canOpen(user.role, "budget") ? listBudget(kv) : null,
  ]);
  const active = team.filter((u) => u.active);
  const byRole = ROLES.map((role) => ({
    role,
    count: active.filter((u) => u.role === role).length,
  })).filter((r) => r.count > 0);
  return {
    production,
    teamSize: active.length,
    byRole,
    tasks,
    activity,
    budget,
  };
}

export const handler = define.handlers({
  async GET(ctx) {
    const announced = ctx.url.searchParams.has("announced");
    return page({
      ...await loadDashboard(ctx.state.services.kv, ctx.state.user!),
      notice: announced ? "Announcement sent to everyone." : null,
      error: null as string | null,
    });
  },
  async POST(ctx) {
    const form = await readForm(ctx.req);
    const parsed = NewAnnouncementSchema.safeParse({
      message: form.get("message") ?? "",
      level: form.get("level") ?? "info",
    });
    try {
      if (!parsed.success) throw parsed.error;
      await announce(ctx.state.services.kv, ctx.state.user!, parsed.data);
      return ctx.redirect("/?announced", 303);
    } catch (error) {
      const e = toApiError(error);
      return page({
        ...await loadDashboard(ctx.state.services.kv, ctx.state.user!),
        notice: null,
        error: e.code === "validation"
          ? "Write a message of at most 500 characters."
          : e.message,
      }, { status: e.status });
    }
  },
});

export default define.page<typeof handler>(function Dashboard(
  { data, state },
) {
  const user = state.user!;
  // Modules with their own live cards are left out of the placeholders.
  const modules = navFor(user.role).filter((item) =>
    item.module !== null && item.module !== "team" &&
    item.module !== "tasks" && item.module !== "budget"
  );
  const { production } = data;
  return (
    <>
      <header class="page-header">
        <p class="eyebrow">{ROLE_LABELS[user.role]} dashboard</p>
        <h1>Welcome, {user.name.split(" ")[0]}</h1>
      </header>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      {data.error && <p class="form-error" role="alert">{data.error}</p>}
      <div class="card-grid">
        <TaskSummary
          initial={data.tasks}
          viewer={{
            id: user.id,
            management: readScope(user.role, "tasks") === "all",
          }}
        />
        {data.budget && (
          <BudgetBurn
            currency={data.budget.currency}
            categories={data.budget.categories}
          />
        )}
        <section class="card" aria-labelledby="activity-title">
          <h2 id="activity-title">Recent activity</h2>
          <ActivityFeed initial={data.activity} limit={ACTIVITY_LIMIT} />
        </section>
        <section class="card" aria-labelledby="online-title">
          <h2 id="online-title">Online now</h2>
          <PresenceList />
        </section>
        {can(user, "announcements", "write") && (
          <section class="card" aria-labelledby="announce-title">
            <h2 id="announce-title">Announce to everyone</h2>
            <form method="post" class="announce-form">
              <label class="field">
                <span>Message</span>
                <textarea name="message" rows={3} maxLength={500} required />
              </label>
              <label class="field">
                <span>Level</span>
                <select name="level">
                  <option value="info">Info</option>
                  <option value="warning">Warning</option>
                  <option value="urgent">Urgent</option>
                </select>
              </label>
              <button type="submit" class="button button-primary">Send</button>
            </form>
          </section>
        )}
        <section class="card" aria-labelledby="production-title">
          <h2 id="production-title">Production</h2>
          {production
            ? (
              <dl class="facts">
                <dt>Title</dt>
                <dd>{production.title}</dd>
                <dt>Company</dt>
                <dd>{production.company}</dd>
                <dt>Format</dt>
                <dd>{production.format}</dd>
                <dt>Shoot</dt>
                <dd>
                  {DATE.format(new Date(production.startDate))} –{" "}
                  {DATE.format(new Date(production.wrapDate))}
                </dd>
                <dt>Currency</dt>
                <dd>{production.currency}</dd>
              </dl>
            )
            : <EmptyState title="No production set up yet" />}
        </section>
        <section class="card" aria-labelledby="team-title">
          <h2 id="team-title">Team</h2>
          <p class="stat">
            <span class="stat-value">{data.teamSize}</span>{" "}
            <span>active members</span>
          </p>
          <ul class="plain-list">
            {data.byRole.map(({ role, count }) => (
              <li key={role}>
                {ROLE_LABELS[role]}: {count}
              </li>
            ))}
          </ul>
          <a href="/team">Open the team</a>
        </section>
        {modules.length > 0 && (
          <section class="card" aria-labelledby="modules-title">
            <h2 id="modules-title">Your modules</h2>
            <ul class="plain-list">
              {modules.map((item) => (
                <li key={item.href}>
                  <a href={item.href}>{item.label}</a>
                  <span class="muted">· {MODULE_HINTS[item.href] ?? ""}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
});
