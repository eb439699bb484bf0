import { page } from "fresh";
import { FilterForm, FilterSelect } from "@/components/FilterForm.tsx";
import { SinceLastLooked } from "@/components/SinceLastLooked.tsx";
import TaskBoard from "@/islands/TaskBoard.tsx";
import { lenientQuery } from "@/lib/http/query.ts";
import { requireModule } from "@/server/module_page.ts";
import { readScope } from "@/lib/policy.ts";
import { departmentsOf, timeZoneOf } from "@/lib/production/shared.ts";
import { define } from "@/server/state.ts";
import { COLUMNS } from "@/lib/tasks/board.ts";
import { TaskQuerySchema } from "@/lib/tasks/schemas.ts";
import { listTasks } from "@/lib/tasks/service.ts";
import { sinceLastLooked } from "@/lib/last_seen/service.ts";
import { flaggedIds } from "@/lib/ripple/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { teamRoster } from "@/lib/team/service.ts";
import { PRIORITY_LABELS } from "@/lib/tasks/shared.ts";

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "tasks");
    const cx = serviceContextOf(ctx);
    // A stale bookmark opens the board with what still makes sense.
    const filters = lenientQuery(TaskQuerySchema, ctx.url.searchParams);
    const management = readScope(cx.actor.role, "tasks") === "all";
    // First: the new mark is the log's head before the data is read.
    const since = await sinceLastLooked(cx, "tasks");
    const [found, team, flagged] = await Promise.all([
      listTasks(cx, filters),
      teamRoster(cx),
      flaggedIds(cx, "task"),
    ]);
    const people = team.filter((u) => u.active)
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return page({
      tasks: found,
      people,
      filters,
      management,
      flagged,
      since,
    });
  },
});

export default define.page<typeof handler>(function TasksPage({ data, state }) {
  const { filters, management } = data;
  return (
    <>
      <header class="page-header">
        <h1>{management ? "Task board" : "My tasks"}</h1>
        <p class="muted">
          {management
            ? "Every task of the production. Changes by others appear as they happen."
            : "Tasks assigned to you. Move them as your work progresses."}
        </p>
      </header>
      <SinceLastLooked
        since={data.since}
        timeZone={timeZoneOf(state.production)}
      />
      <FilterForm label="Filter tasks" clearHref="/tasks">
        {management && (
          <FilterSelect
            name="assignee"
            label="Assignee"
            anyLabel="Anyone"
            options={data.people.map((p) => ({ value: p.id, label: p.name }))}
            selected={filters.assignee}
          />
        )}
        <FilterSelect
          name="status"
          label="Status"
          anyLabel="Any"
          options={COLUMNS.map((c) => ({ value: c.status, label: c.label }))}
          selected={filters.status}
        />
        <FilterSelect
          name="priority"
          label="Priority"
          anyLabel="Any"
          options={Object.entries(PRIORITY_LABELS).map(([value, label]) => ({
            value,
            label,
          }))}
          selected={filters.priority}
        />
        <label class="field">
          <span>Due before</span>
          <input type="date" name="dueBefore" value={filters.dueBefore ?? ""} />
        </label>
      </FilterForm>
      <TaskBoard
        initial={data.tasks}
        people={data.people}
        viewer={{ id: state.user!.id, management }}
        filters={filters}
        timeZone={timeZoneOf(state.production)}
        departments={departmentsOf(state.production)}
        flagged={data.flagged}
        seen={data.since.marks}
      />
    </>
  );
});
