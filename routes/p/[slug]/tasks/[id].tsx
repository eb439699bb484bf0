import { type Context, HttpError, page } from "fresh";
import { issueErrors } from "@/components/FormFields.tsx";
import { PRIORITY_LABELS } from "@/lib/tasks/shared.ts";
import {
  TaskEditForm,
  type TaskFormText,
  taskFormText,
} from "@/components/tasks/TaskEditForm.tsx";
import { RecordPanels } from "@/components/records/RecordPanels.tsx";
import { TaskHistory } from "@/components/tasks/TaskHistory.tsx";
import TaskEditButton from "@/islands/TaskEditButton.tsx";
import { formatDate, formatDateTime, isPastDate } from "@/lib/format.ts";
import { readForm } from "@/lib/http/body.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { requireModule } from "@/server/module_page.ts";
import { recordPanels } from "@/server/record_panels.ts";
import { can } from "@/lib/policy.ts";
import { departmentsOf, timeZoneOf } from "@/lib/production/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define, type State } from "@/server/state.ts";
import { HistoryCursorSchema } from "@/lib/store/history.ts";
import { COLUMNS } from "@/lib/tasks/board.ts";
import {
  describeTaskEntry,
  type HistoryLine,
} from "@/lib/tasks/history_text.ts";
import { TaskPatchSchema, TaskStatusSchema } from "@/lib/tasks/schemas.ts";
import { getTask, taskHistory, updateTask } from "@/lib/tasks/service.ts";
import { teamRoster } from "@/lib/team/service.ts";
import { inProduction } from "@/lib/production/paths.ts";

/** History lines per page. */
const HISTORY_PAGE = 50;

const labelOf = (status: string) =>
  COLUMNS.find((c) => c.status === status)?.label ?? status;

/** What a refused post shows again: an error, and the edit form's state. */
interface Refusal {
  message: string | null;
  edit?: { values: TaskFormText; errors: Record<string, string> };
}

async function load(
  ctx: Context<State>,
  refusal: Refusal | null = null,
  status = 200,
) {
  requireModule(ctx, "tasks");
  const cx = serviceContextOf(ctx);
  const user = cx.actor;
  const task = await getTask(cx, ctx.params.id).catch((error) => {
    // The not-found page, as for any unknown address (never a hint).
    throw error instanceof NotFoundError ? new HttpError(404) : error;
  });
  const timeZone = timeZoneOf(ctx.state.production);
  const before = HistoryCursorSchema.safeParse(
    ctx.url.searchParams.get("before"),
  );
  const cursor = before.success ? before.data : null;
  const [history, team, panels] = await Promise.all([
    taskHistory(cx, task.id, { limit: HISTORY_PAGE, cursor }),
    teamRoster(cx),
    recordPanels(ctx, { type: "task", id: task.id }),
  ]);
  const names = Object.fromEntries(team.map((u) => [u.id, u.name]));
  const lines: HistoryLine[] = (history.entries ?? []).map((entry) =>
    describeTaskEntry(entry, names, timeZone)
  );
  // Tasks from before record history (the demo's) still say who made them.
  const last = history.nextCursor === null;
  if (last && !history.entries.some((e) => e.action === "created")) {
    lines.push({
      key: "created",
      who: names[task.createdBy] ?? "Someone",
      what: "created the task",
      iso: task.createdAt,
      when: formatDateTime(task.createdAt, timeZone),
    });
  }
  const canEdit = can(user, "tasks", "edit");
  // The assignee stays pickable even when no longer active, so saving other
  // fields never unassigns them by accident.
  const people = team
    .filter((u) => u.active || u.id === task.assigneeId)
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const editing = canEdit &&
    (refusal?.edit !== undefined || ctx.url.searchParams.has("edit"));
  const path = taskPath(ctx);
  return page({
    task,
    names,
    timeZone,
    lines,
    olderHref: history.nextCursor
      ? `${path}?before=${history.nextCursor}`
      : null,
    newerHref: cursor ? path : null,
    canEdit,
    people,
    editing,
    edit: refusal?.edit ?? { values: taskFormText(task), errors: {} },
    error: refusal?.message ?? null,
    panels,
  }, { status });
}

/** The edit form's post, as a patch (empty assignee and due date: none). */
function editPatch(form: URLSearchParams): TaskFormText {
  const text = (name: string) => form.get(name) ?? "";
  return {
    title: text("title"),
    description: text("description").replace(/\r\n/g, "\n"),
    status: text("status"),
    priority: text("priority"),
    assigneeId: text("assigneeId"),
    department: text("department"),
    dueDate: text("dueDate"),
  };
}

export const handler = define.handlers({
  GET: (ctx) => load(ctx),
  /**
   * The page's forms without JavaScript: `intent=edit` (the edit form,
   * management) or a move (`status`). `version` guards both against
   * overwriting a change made meanwhile. Success redirects (303) to the
   * page; a refusal renders it again with the message and what was typed.
   */
  async POST(ctx) {
    requireModule(ctx, "tasks");
    const form = await readForm(ctx.req);
    const version = Number(form.get("version"));
    const cx = serviceContextOf(ctx);
    if (form.get("intent") === "edit") {
      const values = editPatch(form);
      const parsed = TaskPatchSchema.safeParse({
        ...values,
        assigneeId: values.assigneeId || null,
        dueDate: values.dueDate || null,
      });
      if (!parsed.success || !Number.isSafeInteger(version)) {
        const errors = parsed.success ? {} : issueErrors(parsed.error.issues);
        return await load(ctx, {
          message: parsed.success ? "Reload the page and try again." : null,
          edit: { values, errors },
        }, 400);
      }
      try {
        await updateTask(cx, ctx.params.id, parsed.data, version);
        return ctx.redirect(taskPath(ctx), 303);
      } catch (error) {
        const e = toApiError(error);
        if (e.code === "version_conflict") {
          // Show the latest version in the form: the typed values are lost
          // only after the person has seen what changed.
          return await load(ctx, {
            message:
              "Someone changed this task while you were editing; the form now shows their version. Make your change again.",
          }, 409);
        }
        return await load(ctx, {
          message: e.message,
          edit: { values, errors: issueErrors(e.details) },
        }, e.status);
      }
    }
    const status = TaskStatusSchema.safeParse(form.get("status"));
    if (!status.success || !Number.isSafeInteger(version)) {
      return await load(
        ctx,
        { message: "Pick a column to move the task to." },
        400,
      );
    }
    try {
      await updateTask(cx, ctx.params.id, { status: status.data }, version);
      return ctx.redirect(taskPath(ctx), 303);
    } catch (error) {
      const e = toApiError(error);
      const message = e.code === "version_conflict"
        ? "Someone changed this task meanwhile; this is the latest version."
        : e.message;
      return await load(ctx, { message }, e.status);
    }
  },
});

/** This task's page, in this production. */
function taskPath(ctx: Context<State>): string {
  return inProduction(
    ctx.params.slug,
    `/tasks/${encodeURIComponent(ctx.params.id)}`,
  );
}

export default define.page<typeof handler>(function TaskPage(
  { data, state, params },
) {
  const { task, names, timeZone } = data;
  const canMove = can(state.user!, "tasks", "change_status", {
    assigneeId: task.assigneeId,
  });
  const overdue = task.dueDate !== null && task.status !== "done" &&
    isPastDate(task.dueDate, timeZone);
  return (
    <>
      <header class="page-header record-header">
        <div class="record-heading">
          <p class="eyebrow">
            <a href={inProduction(params.slug, "/tasks")}>Tasks</a> ·{" "}
            {labelOf(task.status)}
          </p>
          <h1>{task.title}</h1>
        </div>
        {data.canEdit && !data.editing && (
          <div class="page-actions">
            <TaskEditButton
              task={task}
              people={data.people}
              departments={departmentsOf(state.production)}
            />
          </div>
        )}
      </header>
      {data.error && !data.editing && (
        <p class="form-error" role="alert">{data.error}</p>
      )}
      {data.editing && (
        <TaskEditForm
          task={task}
          values={data.edit.values}
          people={data.people}
          departments={departmentsOf(state.production)}
          errors={data.edit.errors}
          message={data.error}
        />
      )}
      <div class="task-page">
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
                ? names[task.assigneeId] ?? "A former team member"
                : "Unassigned"}
            </dd>
            <dt>Department</dt>
            <dd>{task.department || "—"}</dd>
            <dt>Due</dt>
            <dd>
              {task.dueDate === null ? "—" : (
                <>
                  <time dateTime={task.dueDate}>
                    {formatDate(task.dueDate, timeZone)}
                  </time>
                  {overdue && <span class="task-overdue">Overdue</span>}
                </>
              )}
            </dd>
            <dt>Created</dt>
            <dd>
              <time dateTime={task.createdAt}>
                {formatDateTime(task.createdAt, timeZone)}
              </time>{" "}
              by {names[task.createdBy] ?? "a former team member"}
            </dd>
            <dt>Last changed</dt>
            <dd>
              <time dateTime={task.updatedAt}>
                {formatDateTime(task.updatedAt, timeZone)}
              </time>
            </dd>
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
        <TaskHistory
          lines={data.lines}
          olderHref={data.olderHref}
          newerHref={data.newerHref}
        />
      </div>
      <RecordPanels {...data.panels} />
    </>
  );
});
