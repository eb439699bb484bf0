import { page } from "fresh";
import TaskBoard from "@/islands/TaskBoard.tsx";
import { lenientQuery } from "@/lib/http/query.ts";
import { requireModule } from "@/server/module_page.ts";
import { readScope } from "@/lib/policy.ts";
import { timeZoneOf } from "@/lib/production.ts";
import { define } from "@/server/state.ts";
import { COLUMNS } from "@/lib/tasks/board.ts";
import { TaskQuerySchema } from "@/lib/tasks/schemas.ts";
import { listTasks } from "@/lib/tasks/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { users } from "@/lib/team/users.ts";
import { PRIORITY_LABELS } from "@/lib/tasks/shared.ts";

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "tasks");
    const cx = serviceContextOf(ctx);
    // A stale bookmark opens the board with what still makes sense.
    const filters = lenientQuery(TaskQuerySchema, ctx.url.searchParams);
    const management = readScope(cx.actor.role, "tasks") === "all";
    const [found, team] = await Promise.all([
      listTasks(cx, filters),
      users.list(cx.kv),
    ]);
    const people = team.filter((u) => u.active)
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return page({ tasks: found, people, filters, management });
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
      <form class="filters" method="get" aria-label="Filter tasks">
        {management && (
          <label class="field">
            <span>Assignee</span>
            <select name="assignee">
              <option value="">Anyone</option>
              {data.people.map((p) => (
                <option value={p.id} selected={filters.assignee === p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="field">
          <span>Status</span>
          <select name="status">
            <option value="">Any</option>
            {COLUMNS.map((c) => (
              <option value={c.status} selected={filters.status === c.status}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Priority</span>
          <select name="priority">
            <option value="">Any</option>
            {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
              <option value={value} selected={filters.priority === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Due before</span>
          <input type="date" name="dueBefore" value={filters.dueBefore ?? ""} />
        </label>
        <button type="submit" class="button">Apply</button>
        <a class="button button-quiet" href="/tasks">Clear</a>
      </form>
      <TaskBoard
        initial={data.tasks}
        people={data.people}
        viewer={{ id: state.user!.id, management }}
        filters={filters}
        timeZone={timeZoneOf(state.production)}
      />
    </>
  );
});
