/**
 * One-line descriptions of logged events for the activity feed, shared by
 * the server render and the feed island (no zod, no server imports).
 *
 * @module
 */
import { ROLE_LABELS } from "./roles.ts";
import type { Role } from "./roles.ts";

/** An activity feed line. */
export interface ActivityItem {
  id: string;
  ts: number;
  type: string;
  text: string;
  href: string | null;
}

const STATUS_LABELS: Record<string, string> = {
  todo: "To do",
  in_progress: "In progress",
  review: "Review",
  blocked: "Blocked",
  done: "Done",
};

// deno-lint-ignore no-explicit-any
type Data = any;

/** Describes an event for people, or null for events the feed skips. */
export function describeEvent(
  event: { id: string; ts: number; type: string; data: unknown },
): ActivityItem | null {
  const d = event.data as Data;
  const item = (text: string, href: string | null = null): ActivityItem => ({
    id: event.id,
    ts: event.ts,
    type: event.type,
    text,
    href,
  });
  switch (event.type) {
    case "announcement":
      return item(`${d.from?.name ?? "Someone"} announced: ${d.message}`);
    case "task_update": {
      const title = `“${d.task?.title ?? "a task"}”`;
      const href = d.action === "deleted" ? null : `/tasks/${d.task?.id}`;
      if (d.action === "created") {
        return item(`Task ${title} was created`, href);
      }
      if (d.action === "deleted") return item(`Task ${title} was deleted`);
      return item(
        `Task ${title} is now ${
          STATUS_LABELS[d.task?.status] ?? d.task?.status
        }`,
        href,
      );
    }
    case "budget_update": {
      const name = d.category?.name ?? "a category";
      if (d.alert) {
        return item(
          `Budget alert: ${name} reached ${d.alert.level} %`,
          "/budget",
        );
      }
      if (d.action === "expense_created") {
        return item(`Expense recorded in ${name}`, "/budget");
      }
      if (d.action === "expense_deleted") {
        return item(`Expense removed from ${name}`, "/budget");
      }
      return item(`Budget category ${name} changed`, "/budget");
    }
    case "user_update": {
      const who = d.user?.name ?? "A team member";
      if (d.action === "created") {
        return item(
          `${who} joined as ${
            ROLE_LABELS[d.user?.role as Role] ?? d.user?.role
          }`,
          "/team",
        );
      }
      return item(
        d.user?.active === false
          ? `${who}'s account was deactivated`
          : `${who} is now ${
            ROLE_LABELS[d.user?.role as Role] ?? d.user?.role
          }`,
        "/team",
      );
    }
    default:
      return item(`${event.type.replace("_", " ")}`);
  }
}
