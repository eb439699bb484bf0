/**
 * Lines of the activity feed: who did what to which record, and a link to
 * it when the viewer may open it ("Dana Kowalski approved the breakdown of
 * scene 12"). Shared by the server render and the feed island, so both say
 * the same words (no zod, no server imports).
 *
 * Every event names its actor in `data.by` (lib/event_actor.ts); events
 * logged before that fall back to the names records keep themselves (an
 * asset's uploader, a version's submitter), else "Someone".
 *
 * @module
 */
import { formatMoney } from "./budget/money.ts";
import { type Actor, can } from "./policy.ts";
import { SETTINGS_LABELS, type SettingsField } from "./production/shared.ts";
import { ROLE_LABELS } from "./roles.ts";
import type { Role } from "./roles.ts";
import { SCENE_STATUS_LABELS, type SceneStatus } from "./script/breakdown.ts";
import { COLUMNS } from "./tasks/board.ts";
import { STATUS_LABELS as SHOT_STATUS_LABELS } from "./vfx/shared.ts";
import type { ShotStatus } from "./vfx/schemas.ts";

/** An activity feed line, in parts: `who did what rest`. */
export interface ActivityItem {
  id: string;
  ts: number;
  type: string;
  /** Who did it: a name, "You" for the viewer, or "Someone". */
  who: string;
  /** The verb phrase before the record ("approved the breakdown of"). */
  did: string;
  /** The record ("scene 12"); the link text when `href` is set. */
  what: string;
  /** What follows the record (" to Review"), often "". */
  rest: string;
  /** The whole sentence. */
  text: string;
  /** The record's page, when the viewer may open it. */
  href: string | null;
}

/** Who reads the feed, and how money is shown to them. */
export interface DescribeOptions {
  viewer: Actor;
  /** The production's currency (ISO 4217); amounts are left out without it. */
  currency?: string;
}

/** The board's column labels: one label per task status everywhere. */
const TASK_STATUS_LABELS: Record<string, string> = Object.fromEntries(
  COLUMNS.map((c) => [c.status, c.label]),
);

// Event data arrives off the wire or out of the log: read defensively.
// deno-lint-ignore no-explicit-any
type Data = any;

function roleLabel(role: unknown): string {
  return ROLE_LABELS[role as Role] ?? String(role);
}

function sceneName(scene: Data): string {
  return scene?.number
    ? `scene ${scene.number}`
    : `scene ${(scene?.index ?? 0) + 1}`;
}

/** Describes an event for `viewer`, or null for events the feed skips. */
export function describeEvent(
  event: { id: string; ts: number; type: string; data: unknown },
  { viewer, currency }: DescribeOptions,
): ActivityItem | null {
  const d = (event.data ?? {}) as Data;
  const who = (fallback?: string | null): string =>
    d.by?.id !== undefined && d.by.id === viewer.id
      ? "You"
      : d.by?.name || fallback || "Someone";
  const line = (
    name: string,
    did: string,
    what: string,
    href: string | null = null,
    rest = "",
  ): ActivityItem => ({
    id: event.id,
    ts: event.ts,
    type: event.type,
    who: name,
    did,
    what,
    rest,
    text: `${name} ${did} ${what}${rest}`,
    href,
  });

  switch (event.type) {
    case "announcement": {
      const from = d.from?.id === viewer.id ? "You" : d.from?.name ?? "Someone";
      const did = d.level === "urgent"
        ? "posted an urgent announcement:"
        : "announced:";
      // The feed shows the start; the announcements page has it all.
      const message = String(d.message ?? "");
      const short = message.length > 90
        ? `${message.slice(0, 89).trimEnd()}…`
        : message;
      return line(
        from,
        did,
        `“${short}”`,
        `/announcements#announcement-${d.id}`,
      );
    }
    case "task_update": {
      const task = d.task ?? {};
      const title = `“${task.title ?? "a task"}”`;
      const href = d.action !== "deleted" &&
          can(viewer, "tasks", "read", { assigneeId: task.assigneeId })
        ? `/tasks/${task.id}`
        : null;
      const status = TASK_STATUS_LABELS[task.status] ?? task.status;
      if (d.action === "created") {
        return line(who(), "created the task", title, href);
      }
      if (d.action === "deleted") return line(who(), "deleted the task", title);
      const changed: string[] | undefined = d.changed;
      if (changed?.includes("status")) {
        return line(who(), "moved", title, href, ` to ${status}`);
      }
      if (changed?.includes("assigneeId")) {
        if (task.assigneeId === viewer.id) {
          return line(who(), "assigned you", title, href);
        }
        return task.assigneeId === null
          ? line(who(), "unassigned", title, href)
          : line(who(), "reassigned", title, href);
      }
      return line(
        who(),
        "updated",
        title,
        href,
        changed === undefined ? ` (${status})` : "",
      );
    }
    case "budget_update": {
      const category = d.category ?? {};
      const name = String(category.name ?? "a category");
      const open = can(viewer, "budget", "read");
      const href = !open
        ? null
        : d.action === "category_deleted"
        ? "/budget"
        : `/budget#cat-${category.id}`;
      const alert = d.alert?.level === 100
        ? " — now over budget"
        : d.alert?.level === 80
        ? " — now at 80% of its budget"
        : "";
      switch (d.action) {
        case "expense_created": {
          const amount = currency && Number.isInteger(d.expense?.amountCents)
            ? formatMoney(d.expense.amountCents, currency)
            : "an expense";
          return line(
            who(d.expense?.createdByName),
            `recorded ${amount} in`,
            name,
            href,
            alert,
          );
        }
        case "expense_deleted":
          return line(who(), "removed an expense from", name, href, alert);
        case "category_created":
          return line(who(), "added the budget category", name, href);
        case "category_deleted":
          return line(who(), "removed the budget category", name, href);
        case "committed_changed":
          return line(who(), "changed the VFX bids committed to", name, href);
        default:
          return line(who(), "changed the budget category", name, href, alert);
      }
    }
    case "script_update": {
      const open = can(viewer, "script", "read");
      if (d.action === "imported") {
        const title = `“${d.script?.title ?? "a script"}”`;
        const href = open ? `/script/${d.script?.id}` : null;
        const by = who(d.version?.uploadedByName);
        const number = d.version?.number ?? 1;
        return number === 1
          ? line(by, "imported the script", title, href)
          : line(by, `imported draft ${number} of`, title, href);
      }
      if (d.action === "element_renamed" || d.action === "element_merged") {
        const element = d.element ?? {};
        const href = open ? `/elements/${element.id}` : null;
        const name = `“${element.name ?? "an element"}”`;
        return d.action === "element_renamed"
          ? line(
            who(),
            "renamed element",
            `“${d.previousName ?? "?"}”`,
            href,
            ` to ${name}`,
          )
          : line(
            who(),
            "merged element",
            `“${d.merged?.name ?? "?"}”`,
            href,
            ` into ${name}`,
          );
      }
      if (d.action !== "scene_updated") return null;
      const scene = d.scene ?? {};
      const href = open ? `/script/${scene.scriptId}/scenes/${scene.id}` : null;
      // An approval stamps approvedAt with the write's own time.
      if (scene.status === "approved" && scene.approvedAt === scene.updatedAt) {
        return line(
          who(scene.approvedByName),
          "approved the breakdown of",
          sceneName(scene),
          href,
        );
      }
      const status = SCENE_STATUS_LABELS[scene.status as SceneStatus];
      return line(
        who(),
        "updated the breakdown of",
        sceneName(scene),
        href,
        status ? ` (${status})` : "",
      );
    }
    case "vfx_update": {
      const shot = d.shot ?? {};
      const code = String(shot.code ?? "a shot");
      const href = can(viewer, "vfx", "read") ? `/vfx/${shot.id}` : null;
      const v = d.version;
      switch (d.action) {
        case "shot_created":
          return line(who(), "added the shot", code, href);
        case "version_submitted":
          return line(
            who(v?.submittedByName),
            `submitted v${v?.number ?? "?"} of`,
            code,
            href,
          );
        case "version_reviewed":
          return line(
            who(v?.review?.byName),
            v?.review?.decision === "approve"
              ? `approved v${v?.number} of`
              : `requested changes to v${v?.number ?? "?"} of`,
            code,
            href,
          );
        default: {
          const status = SHOT_STATUS_LABELS[shot.status as ShotStatus];
          return line(
            who(),
            "updated the shot",
            code,
            href,
            status ? ` (${status})` : "",
          );
        }
      }
    }
    case "asset_update": {
      const asset = d.asset ?? {};
      const name = String(asset.name ?? "a file");
      if (d.action === "deleted") return line(who(), "deleted", name);
      const href = can(viewer, "assets", "read")
        ? `/assets?category=${encodeURIComponent(asset.category ?? "")}`
        : null;
      return line(who(asset.uploaderName), "uploaded", name, href);
    }
    case "user_update": {
      const user = d.user ?? {};
      const me = user.id === viewer.id;
      const href = can(viewer, "team", "read") ? "/team" : null;
      const role = roleLabel(user.role);
      if (d.action === "created") {
        return line(
          who(),
          "added",
          user.name ?? "a member",
          href,
          ` as ${role}`,
        );
      }
      const changed: string[] | undefined = d.changed;
      if (changed?.includes("active")) {
        return line(
          who(),
          user.active ? "reactivated" : "deactivated",
          me ? "your account" : `${user.name}’s account`,
          href,
        );
      }
      if (changed?.includes("role")) {
        return me
          ? line(who(), "changed", "your role", href, ` to ${role}`)
          : line(who(), "changed the role of", user.name, href, ` to ${role}`);
      }
      return line(
        who(),
        "updated",
        me ? "your account" : user.name ?? "a member",
        href,
        changed === undefined ? ` (${role})` : "",
      );
    }
    case "production_update": {
      if (d.action === "archived" || d.action === "unarchived") {
        return line(
          who(),
          d.action === "archived" ? "archived" : "brought back",
          String(d.production?.title ?? "the production"),
          null,
          d.action === "archived" ? " (read-only now)" : "",
        );
      }
      const changed: SettingsField[] = Array.isArray(d.changed)
        ? d.changed
        : [];
      const fields = changed.map((f) =>
        (SETTINGS_LABELS[f] ?? String(f)).toLowerCase()
      );
      const href = can(viewer, "production", "read") ? "/settings" : null;
      return line(
        who(),
        "changed the settings of",
        String(d.production?.title ?? "the production"),
        href,
        fields.length > 0 ? `: ${fields.join(", ")}` : "",
      );
    }
    default:
      return null;
  }
}
