import { page } from "fresh";
import { type ComponentChildren, Fragment } from "preact";
import {
  ErrorSummary,
  fieldErrors,
  issueErrors,
} from "@/components/FormFields.tsx";
import { SinceLastLooked } from "@/components/SinceLastLooked.tsx";
import ActivityFeed from "@/islands/ActivityFeed.tsx";
import AnnouncementList from "@/islands/AnnouncementList.tsx";
import BudgetBurn from "@/islands/BudgetBurn.tsx";
import PresenceList from "@/islands/PresenceList.tsx";
import TaskSummary from "@/islands/TaskSummary.tsx";
import { recentActivity } from "@/lib/activity.ts";
import { NewAnnouncementSchema } from "@/lib/announcements/schemas.ts";
import { announce, recentAnnouncements } from "@/lib/announcements/service.ts";
import type { ServiceContext } from "@/lib/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { getBudget } from "@/lib/budget/service.ts";
import {
  CARD_CHROME,
  CARD_GAP,
  lines,
  planColumns,
} from "@/lib/dashboard_layout.ts";
import { formatDate } from "@/lib/format.ts";
import { readForm } from "@/lib/http/body.ts";
import { sinceLastLooked } from "@/lib/last_seen/service.ts";
import type { SinceLastLooked as Since } from "@/lib/last_seen/shared.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { navFor } from "@/lib/navigation.ts";
import { can, canOpen, readScope } from "@/lib/policy.ts";
import type { Production } from "@/lib/production/schemas.ts";
import { KIND_LABELS, timeZoneOf } from "@/lib/production/shared.ts";
import { ROLE_LABELS, ROLES } from "@/lib/roles.ts";
import { define } from "@/server/state.ts";
import { listTasks } from "@/lib/tasks/service.ts";
import { teamRoster } from "@/lib/team/service.ts";
import { inProduction } from "@/lib/production/paths.ts";

/** What each module holds, for the dashboard's module list. */
const MODULE_HINTS: Record<string, string> = {
  "/script": "screenplay drafts and the scene breakdown",
  "/elements": "cast, props and sets, scene by scene",
  "/schedule": "the stripboard and day out of days",
  "/callsheets": "each shooting day's calls",
  "/ripple": "what each new draft changed",
  "/vfx": "shots, versions and reviews",
  "/assets": "the production's files",
  "/reports": "tasks, budget, scenes and shots in tables",
};

const ACTIVITY_LIMIT = 15;
const ANNOUNCEMENT_LIMIT = 5;

async function loadDashboard(
  cx: ServiceContext,
  production: Production | null | undefined,
) {
  const [team, tasks, activity, budget, announcements] = await Promise.all([
    teamRoster(cx),
    listTasks(cx),
    recentActivity(cx, {
      limit: ACTIVITY_LIMIT,
      currency: production?.currency,
    }),
    canOpen(cx.actor.role, "budget") ? getBudget(cx) : null,
    recentAnnouncements(cx, ANNOUNCEMENT_LIMIT),
  ]);
  const active = team.filter((u) => u.active);
  const byRole = ROLES.map((role) => ({
    role,
    count: active.filter((u) => u.role === role).length,
  })).filter((r) => r.count > 0);
  return {
    teamSize: active.length,
    byRole,
    tasks,
    activity,
    budget,
    announcements,
  };
}

export const handler = define.handlers({
  async GET(ctx) {
    const announced = ctx.url.searchParams.has("announced");
    const cx = serviceContextOf(ctx);
    const production = ctx.state.production;
    // First: the new mark is the log's head before the data is read.
    const since = await sinceLastLooked(cx, "dashboard", {
      currency: production?.currency,
    });
    return page({
      ...await loadDashboard(cx, production),
      since: since as Since | null,
      notice: announced ? "Announcement sent to everyone." : null,
      error: null as string | null,
      ...NO_ANNOUNCE_ERRORS,
    });
  },
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const form = await readForm(ctx.req);
    const parsed = NewAnnouncementSchema.safeParse({
      message: form.get("message") ?? "",
      level: form.get("level") ?? "info",
    });
    try {
      if (!parsed.success) throw parsed.error;
      await announce(cx, parsed.data);
      return ctx.redirect(inProduction(ctx.params.slug, "/?announced"), 303);
    } catch (error) {
      const e = toApiError(error);
      return page({
        ...await loadDashboard(cx, ctx.state.production),
        since: null,
        notice: null,
        // The form's own problems show at its fields, all at once.
        error: e.code === "validation" ? null : e.message,
        formErrors: e.code === "validation" ? issueErrors(e.details) : {},
        draft: {
          message: form.get("message") ?? "",
          level: form.get("level") ?? "info",
        },
      }, { status: e.status });
    }
  },
});

/** The announcement form with nothing refused. */
const NO_ANNOUNCE_ERRORS = {
  formErrors: {} as Record<string, string>,
  draft: { message: "", level: "info" },
};

/** The announcement form's fields, as its error summary names them. */
const ANNOUNCE_LABELS = { message: "Message", level: "Level" };

/** "Northern Lights · Aurora Pictures · Feature film · shoot 1 Feb – …". */
function ProductionLine({ production }: { production: Production }) {
  const zone = timeZoneOf(production);
  return (
    <p class="dashboard-production">
      <strong>{production.title}</strong>
      {[
        production.company,
        KIND_LABELS[production.kind],
        `shoot ${formatDate(production.startDate, zone)} – ${
          formatDate(production.wrapDate, zone)
        }`,
      ].filter(Boolean).map((part) => <span key={part}>{` · ${part}`}</span>)}
    </p>
  );
}

type CardKey =
  | "tasks"
  | "budget"
  | "activity"
  | "announcements"
  | "online"
  | "team"
  | "modules";

export default define.page<typeof handler>(function Dashboard(
  { data, state, params },
) {
  const to = (path: string) => inProduction(params.slug, path);
  const user = state.user!;
  const production = state.production;
  const timeZone = timeZoneOf(production);
  const management = readScope(user.role, "tasks") === "all";
  const office = can(user, "announcements", "write");
  const announceFields = fieldErrors(
    "announce",
    data.formErrors,
    Object.keys(ANNOUNCE_LABELS),
  );
  // Tasks, budget and team have their own cards, and the production's
  // settings are not work to do: the rest are listed.
  const modules = navFor(user.role).filter((item) =>
    // The inbox has its own button in the top bar.
    item.href !== "/" && item.href !== "/status" && item.href !== "/inbox" &&
    item.module !== "team" && item.module !== "tasks" &&
    item.module !== "production" &&
    item.module !== "budget"
  );
  const mine = data.tasks.filter((t) =>
    t.assigneeId === user.id && t.status !== "done"
  ).length;

  const cards: Record<CardKey, ComponentChildren> = {
    tasks: (
      <TaskSummary
        initial={data.tasks}
        viewer={{ id: user.id, management }}
        timeZone={timeZone}
      />
    ),
    budget: data.budget && (
      <BudgetBurn
        currency={data.budget.currency}
        categories={data.budget.categories}
      />
    ),
    activity: (
      <section class="card" aria-labelledby="activity-title">
        <h2 id="activity-title">Recent activity</h2>
        <ActivityFeed
          initial={data.activity}
          limit={ACTIVITY_LIMIT}
          viewer={{ id: user.id, role: user.role }}
          timeZone={timeZone}
          currency={production?.currency}
        />
      </section>
    ),
    announcements: (
      <section
        class="card"
        id="announcements"
        aria-labelledby="announcements-title"
      >
        <div class="card-head">
          <h2 id="announcements-title">Announcements</h2>
          <a href={to("/announcements")}>All announcements</a>
        </div>
        <AnnouncementList
          initial={data.announcements}
          limit={ANNOUNCEMENT_LIMIT}
          timeZone={timeZone}
        />
        {office && (
          <details
            class="announce"
            open={data.error !== null ||
              Object.keys(data.formErrors).length > 0}
          >
            <summary>Announce to everyone</summary>
            <form method="post" class="announce-form" noValidate>
              <ErrorSummary
                prefix="announce"
                errors={data.formErrors}
                labels={ANNOUNCE_LABELS}
              />
              <label class="field">
                <span>Message</span>
                <textarea
                  name="message"
                  rows={3}
                  maxLength={500}
                  required
                  defaultValue={data.draft.message}
                  {...announceFields.field("message")}
                />
                {announceFields.error("message")}
              </label>
              <label class="field">
                <span>Level</span>
                <select name="level" {...announceFields.field("level")}>
                  {[
                    ["info", "Info"],
                    ["warning", "Warning"],
                    [
                      "urgent",
                      "Urgent — a banner on every page until dismissed",
                    ],
                  ].map(([value, label]) => (
                    <option
                      key={value}
                      value={value}
                      selected={data.draft.level === value}
                    >
                      {label}
                    </option>
                  ))}
                </select>
                {announceFields.error("level")}
              </label>
              <button type="submit" class="button button-primary">Send</button>
            </form>
          </details>
        )}
      </section>
    ),
    online: (
      <section class="card" aria-labelledby="online-title">
        <h2 id="online-title">Online now</h2>
        <PresenceList />
      </section>
    ),
    team: (
      <section class="card" aria-labelledby="team-title">
        <div class="card-head">
          <h2 id="team-title">Team</h2>
          <a href={to("/team")}>Open the team</a>
        </div>
        <p class="stat">
          <span class="stat-value">{data.teamSize}</span>{" "}
          <span>active members</span>
        </p>
        <ul class="team-roles">
          {data.byRole.map(({ role, count }) => (
            <li key={role}>
              <span>{ROLE_LABELS[role]}</span> <strong>{count}</strong>
            </li>
          ))}
        </ul>
      </section>
    ),
    modules: modules.length > 0 && (
      <section class="card" aria-labelledby="modules-title">
        <h2 id="modules-title">Your modules</h2>
        <ul class="plain-list">
          {modules.map((item) => (
            <li key={item.href}>
              <a href={to(item.href)}>{item.label}</a>{" "}
              {MODULE_HINTS[item.href] && (
                <span class="muted">· {MODULE_HINTS[item.href]}</span>
              )}
            </li>
          ))}
        </ul>
      </section>
    ),
  };

  // Estimated heights (px at 1366 px wide) balance the two stacks.
  const rows = (n: number, row: number) => n === 0 ? 24 : n * row;
  const plan = planColumns<CardKey>([
    {
      key: "tasks",
      column: "main",
      height: CARD_CHROME + rows(Math.min(mine, 8), 30) + 24 +
        (mine > 8 ? 24 : 0) + (management ? CARD_GAP + 118 : 0),
    },
    ...(data.budget
      ? [{
        key: "budget" as const,
        column: "main" as const,
        height: CARD_CHROME + 190 +
          28 * data.budget.categories.filter((c) => c.level >= 80).length,
      }]
      : []),
    {
      key: "activity",
      column: "main",
      height: CARD_CHROME + (data.activity.length === 0 ? 24 : data.activity
        .reduce((sum, item) => sum + lines(item.text, 75) * 24 + 17, 0)),
    },
    {
      key: "announcements",
      column: "side",
      height: CARD_CHROME + (office ? 40 : 0) +
        (data.announcements.length === 0 ? 24 : data.announcements
          .reduce((sum, a) => sum + 33 + lines(a.message, 36) * 24, 0)),
    },
    { key: "online", column: "either", height: CARD_CHROME + 30 },
    {
      key: "team",
      column: "either",
      height: CARD_CHROME + 44 + 25 * data.byRole.length,
    },
    ...(modules.length > 0
      ? [{
        key: "modules" as const,
        column: "either" as const,
        height: CARD_CHROME + modules.reduce(
          (sum, m) => sum + 10 + 24 * lines(m.label + MODULE_HINTS[m.href], 40),
          0,
        ),
      }]
      : []),
  ]);
  const stack = (keys: CardKey[]) =>
    keys.map((key) => <Fragment key={key}>{cards[key]}</Fragment>);

  return (
    <>
      <header class="page-header dashboard-header">
        <p class="eyebrow">{ROLE_LABELS[user.role]} dashboard</p>
        <h1>Welcome, {user.name.split(" ")[0]}</h1>
        {production && <ProductionLine production={production} />}
      </header>
      {data.notice && <p class="notice" role="status">{data.notice}</p>}
      {data.error && <p class="form-error" role="alert">{data.error}</p>}
      <SinceLastLooked since={data.since} timeZone={timeZone} />
      <div class="dashboard">
        <div class="dashboard-main">{stack(plan.main)}</div>
        <div class="dashboard-side">{stack(plan.side)}</div>
      </div>
    </>
  );
});
