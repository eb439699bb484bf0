/**
 * The task board's pure rules for the browser: where arrow keys take a
 * held card, and what a failed move or save tells the person.
 *
 * @module
 */
import { type FailureInfo, failureText } from "@/components/api.ts";
import { issueErrors } from "@/components/FormFields.tsx";
import { column, type Status } from "@/lib/tasks/board.ts";
import { type Task, TASK_STATUSES } from "@/lib/tasks/shared.ts";

/** A card held by the keyboard, and where it would land. */
export interface Grab {
  id: string;
  status: Status;
  index: number;
}

/** A message about a move; a network failure clears once we are back. */
export interface Notice {
  text: string;
  network: boolean;
}

/**
 * Where an arrow key takes the held card: left and right to the top of
 * the next column, up and down within one. Null for any other key, or
 * an arrow past the first or last column.
 */
export function heldStep(g: Grab, key: string, tasks: Task[]): Grab | null {
  const col = TASK_STATUSES.indexOf(g.status);
  if (key === "ArrowLeft" && col > 0) {
    return { ...g, status: TASK_STATUSES[col - 1], index: 0 };
  }
  if (key === "ArrowRight" && col < TASK_STATUSES.length - 1) {
    return { ...g, status: TASK_STATUSES[col + 1], index: 0 };
  }
  if (key === "ArrowUp") return { ...g, index: Math.max(0, g.index - 1) };
  if (key === "ArrowDown") {
    const size = column(tasks, g.status).filter((t) => t.id !== g.id).length;
    return { ...g, index: Math.min(size, g.index + 1) };
  }
  return null;
}

/** The server's version of the record, sent with a 409. */
function theirs(failure: FailureInfo): Task | undefined {
  return (failure.error?.details as { current?: Task } | undefined)?.current;
}

/**
 * A refused or failed move of `previous`: the card to show instead (the
 * server's version when it sent one) and the notice.
 */
export function moveFailure(
  failure: FailureInfo,
  previous: Task,
): { task: Task; notice: Notice } {
  const title = previous.title;
  return {
    task: theirs(failure) ?? previous,
    notice: {
      network: failure.status === 0,
      text: failure.status === 409
        ? `Someone else changed "${title}" first; the board shows their version.`
        : failure.status === 403
        ? `You may not move "${title}".`
        : failureText(failure, `Could not move "${title}"`),
    },
  };
}

/**
 * A failed save as the dialog shows it: each field's error, the form's
 * message, and on a conflict the server's version (the banner says it).
 */
export function saveFailure(failure: FailureInfo): {
  errors: Record<string, string>;
  message: string | null;
  conflict: Task | null;
} {
  const errors = failure.error?.code === "validation"
    ? issueErrors(failure.error.details)
    : {};
  const current = theirs(failure);
  return {
    errors,
    conflict: failure.status === 409 && current ? current : null,
    message: failure.status === 409
      ? null
      : Object.keys(errors).length > 0
      ? "Check the highlighted fields."
      : failure.error?.message ?? "Could not save the task.",
  };
}
