/**
 * A task's history entries as sentences for people: "Paula Reyes changed
 * status from To do to In progress", with labels for fields and values
 * (column and priority labels, assignee names, formatted dates), never ids.
 * Browser-safe: no zod, no server imports.
 *
 * @module
 */
import { formatDate, formatDateTime } from "@/lib/format.ts";
import { COLUMNS } from "./board.ts";
import { PRIORITY_LABELS } from "./shared.ts";

/** What the sentences need of a stored entry (lib/store/history.ts). */
export interface TaskHistoryEntry {
  version: number;
  at: string;
  actor: { id: string; name: string };
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

/** One line of the task page's history. */
export interface HistoryLine {
  key: string;
  /** Who, by their current name (the name recorded at the time if gone). */
  who: string;
  /** What they did, without the name: "changed status from …". */
  what: string;
  /** ISO timestamp, for `<time datetime>`. */
  iso: string;
  /** The timestamp in the production's zone: "3 Dec 2026, 14:05". */
  when: string;
}

const FIELD_LABELS: Record<string, string> = {
  title: "title",
  description: "description",
  status: "status",
  priority: "priority",
  assigneeId: "assignee",
  department: "department",
  dueDate: "due date",
};

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

function valueLabel(
  field: string,
  value: unknown,
  names: Record<string, string>,
): string {
  if (field === "assigneeId") {
    return isEmpty(value)
      ? "Unassigned"
      : names[String(value)] ?? "a former team member";
  }
  if (isEmpty(value)) return "none";
  const text = String(value);
  switch (field) {
    case "status":
      return COLUMNS.find((c) => c.status === text)?.label ?? text;
    case "priority":
      return PRIORITY_LABELS[text as keyof typeof PRIORITY_LABELS] ?? text;
    case "dueDate":
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDate(text) : text;
    case "title":
      return `“${text}”`;
    default:
      return text;
  }
}

/** One change as a phrase: "changed status from To do to Review". */
export function describeChange(
  change: { field: string; from: unknown; to: unknown },
  names: Record<string, string>,
): string {
  const label = FIELD_LABELS[change.field] ?? change.field;
  // A description can be pages long: say that it changed, not how.
  if (change.field === "description") {
    return isEmpty(change.to)
      ? "removed the description"
      : isEmpty(change.from)
      ? "added a description"
      : "edited the description";
  }
  const from = valueLabel(change.field, change.from, names);
  const to = valueLabel(change.field, change.to, names);
  if (change.field !== "assigneeId") {
    if (isEmpty(change.from)) return `set ${label} to ${to}`;
    if (isEmpty(change.to)) return `cleared ${label} (was ${from})`;
  }
  return `changed ${label} from ${from} to ${to}`;
}

/** "changed a …, b … and c …": one verb for a run of "changed" phrases. */
function joined(all: string[]): string {
  const phrases = all.map((p, i) =>
    i > 0 && p.startsWith("changed ") && all[i - 1].startsWith("changed ")
      ? p.slice("changed ".length)
      : p
  );
  return phrases.length <= 1
    ? phrases.join("")
    : `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)}`;
}

/**
 * An entry as a line of the task page: who, what (all its changes in one
 * sentence), and when in `timeZone`.
 */
export function describeTaskEntry(
  entry: TaskHistoryEntry,
  names: Record<string, string>,
  timeZone: string,
): HistoryLine {
  const what = entry.action === "created"
    ? "created the task"
    : entry.changes.length === 0
    ? "changed the task"
    : joined(entry.changes.map((c) => describeChange(c, names)));
  return {
    key: String(entry.version),
    who: names[entry.actor.id] ?? (entry.actor.name || "Someone"),
    what,
    iso: entry.at,
    when: formatDateTime(entry.at, timeZone),
  };
}
