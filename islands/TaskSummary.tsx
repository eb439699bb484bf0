import { useSignal } from "@preact/signals";
import { DueDate } from "@/components/tasks/TaskCard.tsx";
import { applyTaskEvent, COLUMNS, type Viewer } from "@/lib/tasks/board.ts";
import type { Task } from "@/lib/tasks/shared.ts";
import { useRealtime } from "@/components/use_realtime.ts";
import { useHref } from "@/components/production_path.ts";

/**
 * Dashboard task cards, kept live: my open tasks for everyone, and the
 * count per column for management.
 */
export default function TaskSummary(
  { initial, viewer, timeZone }: {
    initial: Task[];
    viewer: Viewer;
    /** The production's time zone (what "overdue" means today). */
    timeZone: string;
  },
) {
  const tasks = useSignal(initial);
  const href = useHref();
  useRealtime("task_update", (event) => {
    tasks.value = applyTaskEvent(tasks.value, event.data, viewer, {});
  });
  const mine = tasks.value.filter((t) =>
    t.assigneeId === viewer.id && t.status !== "done"
  )
    .sort((a, b) => (a.dueDate ?? "9999") < (b.dueDate ?? "9999") ? -1 : 1);
  return (
    <div class="task-summary">
      <section class="card" aria-labelledby="my-tasks-title">
        <h2 id="my-tasks-title">My open tasks</h2>
        {mine.length === 0
          ? <p class="muted">Nothing assigned to you is open.</p>
          : (
            <ul class="plain-list">
              {mine.slice(0, 8).map((t) => (
                <li key={t.id}>
                  <a href={href(`/tasks/${t.id}`)}>{t.title}</a>{" "}
                  <span class="muted">
                    · {COLUMNS.find((c) => c.status === t.status)?.label}
                    {t.dueDate && " ·"}
                  </span>
                  {t.dueDate && (
                    <>
                      {" "}
                      <DueDate task={t} timeZone={timeZone} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        {mine.length > 8 && <p class="muted">and {mine.length - 8} more</p>}
        <a href={href("/tasks")}>
          Open {viewer.management ? "the board" : "my tasks"}
        </a>
      </section>
      {viewer.management && (
        <section class="card task-status" aria-labelledby="by-status-title">
          <h2 id="by-status-title">Tasks by status</h2>
          <dl class="task-status-counts">
            {COLUMNS.map((c) => [
              <dt key={`${c.status}-t`}>{c.label}</dt>,
              <dd key={`${c.status}-d`}>
                {tasks.value.filter((t) =>
                  t.status === c.status
                ).length}
              </dd>,
            ])}
          </dl>
        </section>
      )}
    </div>
  );
}
