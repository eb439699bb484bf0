import { page } from "fresh";
import { EmptyState } from "../../components/EmptyState.tsx";
import { navFor } from "../../lib/navigation.ts";
import { getProduction } from "../../lib/production.ts";
import { ROLE_LABELS, ROLES } from "../../lib/roles.ts";
import { define } from "../../lib/state.ts";
import { users } from "../../lib/team/users.ts";

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export const handler = define.handlers({
  async GET(ctx) {
    const { kv } = ctx.state.services;
    const [production, team] = await Promise.all([
      getProduction(kv),
      users.list(kv),
    ]);
    const active = team.filter((u) => u.active);
    const byRole = ROLES.map((role) => ({
      role,
      count: active.filter((u) => u.role === role).length,
    })).filter((r) => r.count > 0);
    return page({ production, teamSize: active.length, byRole });
  },
});

export default define.page<typeof handler>(function Dashboard(
  { data, state },
) {
  const user = state.user!;
  const modules = navFor(user.role).filter((item) =>
    item.module !== null && item.module !== "team"
  );
  const { production } = data;
  return (
    <>
      <header class="page-header">
        <p class="eyebrow">{ROLE_LABELS[user.role]} dashboard</p>
        <h1>Welcome, {user.name.split(" ")[0]}</h1>
      </header>
      <div class="card-grid">
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
        {modules.map((item) => (
          <section class="card" key={item.href} aria-label={item.label}>
            <h2>{item.label}</h2>
            <EmptyState title={`No ${item.label.toLowerCase()} activity yet`}>
              <p>
                <a href={item.href}>Open {item.label}</a>
              </p>
            </EmptyState>
          </section>
        ))}
      </div>
    </>
  );
});
