import { type Context, HttpError, page } from "fresh";
import { PRIORITY_LABELS } from "../../../components/tasks/TaskCard.tsx";
import { readForm } from "../../../lib/http/body.ts";
import { toApiError } from "../../../lib/http/errors.ts";
import { requireModule } from "../../../lib/module_page.ts";
import { can } from "../../../lib/policy.ts";
import { define, type State } from "../../../lib/state.ts";
import { COLUMNS } from "../../../lib/tasks/board.ts";
import { TaskStatusSchema } from "../../../lib/tasks/schemas.ts";
import {
  getTask,
  taskHistory,
  updateTask,
} from "../../../lib/tasks/task_store.ts";
import { users } from "../../../lib/team/users.ts";

const WHEN = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
});
const labelOf = (status: string) =>
  COLUMNS.find((c) => c.status === status)?.label ?? status;

async function load(
  ctx: Context<State>,
  error: string | null = null,
  status = 200,
) {
  requireModule(ctx, "tasks");
  const { kv } = ctx.state.services;
  const task = await getTask(kv, ctx.state.user!, ctx.params.id);
  if (task === null) throw new HttpError(404);
  const [history, team] = await Promise.all([
    taskHistory(kv, task.id),
    users.list(kv),
  ]);
  const names = Object.fromEntries(team.map((u) => [u.id, u.name]));
  return page({ task, history, names, error }, { status });
}

export const handler = define.handlers({
  GET: (ctx) => load(ctx),
  async POST(ctx) {
    const form = await readForm(ctx.req);
    const status = TaskStatusSchema.safeParse(form.get("status"));
    const version = Number(form.get("version"));
    if (!status.success || !Number.isInteger(version)) {
      return await load(ctx, "Pick a column to move the task to.", 400);
    }
    try {
      await updateTask(
        ctx.state.services.kv,
        ctx.state.user!,
        ctx.params.id,
        { status: status.data },
        version,
      );
      return ctx.redirect(`/tasks/${ctx.params.id}`, 303);
    } catch (error) {
      const e = toApiError(error);
      const message = e.code === "version_conflict"
        ? "Someone changed this task meanwhile; this is the latest version."
        : e.message;
      return await load(ctx, message, e.status);
    }
  },
});

export default define.page<typeof handler>(function TaskPage({ data, state }) {
  const { task, history, names, error } = data;
  const canMove = can(state.user!, "tasks", "change_status", {
    assigneeId: task.assigneeId,
  });
  return (
    <>
      <header class="page-header">
        <p class="eyebrow">
          <a href="/tasks">Tasks</a> · {labelOf(task.status)}
        </p>
        <h1>{task.title}</h1>
      </header>
      {error && <p class="form-error" role="alert">{error}</p>}
      <div class="card-grid">
        <section class="card" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl class="facts">
            <dt>Status</dt>
            <dd>{labelOf(task.status)}</dd>
            <dt>Priority</dt>
            <dd>{PRIORITY_LABELS[task.priority]}</dd>
            <dt>Assignee</dt>
            <dd>
              {task.assigneeId
                ? names[task.assigneeId] ?? "Unknown"
                : "Unassigned"}
            </dd>
            <dt>Department</dt>
            <dd>{task.department || "—"}</dd>
            <dt>Due</dt>
            <dd>{task.dueDate ?? "—"}</dd>
          </dl>
          {task.description && (
            <p class="task-description">{task.description}</p>
          )}
          {canMove && (
            <form method="post" class="inline-form">
              <input type="hidden" name="version" value={task.version} />
              <label for="move-status">Move to</label>
              <select id="move-status" name="status">
                {COLUMNS.map((c) => (
                  <option value={c.status} selected={c.status === task.status}>
                    {c.label}
                  </option>
                ))}
              </select>
              <button type="submit" class="button">Move</button>
            </form>
          )}
        </section>
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          {history.length === 0
            ? <p class="muted">No recorded changes in the last 48 hours.</p>
            : (
              <ol class="history">
                {history.map(({ event, action, task: snapshot }) => (
                  <li key={event.id}>
                    <time dateTime={new Date(event.ts).toISOString()}>
                      {WHEN.format(new Date(event.ts))}
                    </time>{" "}
                    {action === "created"
                      ? "Created"
                      : action === "deleted"
                      ? "Deleted"
                      : `Updated — ${labelOf(snapshot.status)}, ${
                        snapshot.assigneeId
                          ? names[snapshot.assigneeId] ?? "someone"
                          : "unassigned"
                      }`}
                  </li>
                ))}
              </ol>
            )}
        </section>
      </div>
    </>
  );
});
