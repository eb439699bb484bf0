/**
 * DESIGN §3 as one table: who may read and write each module, and who
 * receives its events. The HTTP API and the realtime hub both ask this file,
 * so "may read" and "receives the event" cannot drift apart.
 *
 * @module
 */
import { MANAGEMENT, type Role, ROLES } from "./roles.ts";

/**
 * Every module of the app, as named in permissions and the sidebar. The
 * last two are views over other modules' data: they hold no records and
 * emit no events, but who may open them is policy all the same.
 */
export const MODULES = [
  "tasks",
  "budget",
  "script",
  "vfx",
  "assets",
  "announcements",
  "team",
  "production",
  "schedule",
  "callsheets",
  "reports",
  "status",
] as const;

/** A module of the app. */
export type Module = typeof MODULES[number];

/** Actions per module. */
export const ACTIONS = {
  tasks: ["read", "create", "edit", "delete", "assign", "change_status"],
  budget: ["read", "write"],
  script: ["read", "write", "approve"],
  vfx: ["read", "write_shots", "submit_version", "review"],
  assets: ["read", "upload", "delete"],
  announcements: ["read", "write"],
  team: ["read", "write"],
  production: ["read", "write"],
  schedule: ["read", "edit", "lock"],
  callsheets: ["read", "write", "publish", "confirm"],
  reports: ["read"],
  status: ["read"],
} as const;

/** An action of module `M`, e.g. `Action<"vfx">` is `"read" | "write_shots" | …`. */
export type Action<M extends Module> = typeof ACTIONS[M][number];

/**
 * Event types of the modules: each is the `event` of exactly one policy
 * row, and its audience comes from that row (`audienceFor`).
 */
export const MODULE_EVENT_TYPES = [
  "task_update",
  "budget_update",
  "script_update",
  "vfx_update",
  "asset_update",
  "announcement",
  "user_update",
  "production_update",
  "schedule_update",
  "callsheet_update",
] as const;

/**
 * Events about records of any module (issue #13): each is sent to the
 * people who may see the record(s) it concerns, an audience its service
 * computes with {@linkcode recordAudience} / {@linkcode intersectAudiences},
 * not a module row.
 */
export const RECORD_EVENT_TYPES = [
  "link_update",
  "comment_update",
  "inbox_update",
  "ripple_update",
] as const;

/** Every event type a change can emit (the `type` of a WS frame, DESIGN §5). */
export const EVENT_TYPES = [
  ...MODULE_EVENT_TYPES,
  ...RECORD_EVENT_TYPES,
] as const;

/** An event type. */
export type EventType = typeof EVENT_TYPES[number];

/** Who a rule admits: every role listed, plus (when `owner` is set) any user for whom the record names them in that field. */
export interface Rule {
  roles: readonly Role[];
  owner?: "assignee" | "uploader" | "called";
}

/**
 * One module's row: a rule per action, the event type its changes emit (none
 * for the views, reports and status), and `eventRoles` only where DESIGN §3
 * gives the event a narrower audience than the readers (the table never
 * widens it).
 */
export type ModulePolicy<M extends Module> =
  & { readonly [A in Action<M>]: Rule }
  & { readonly event?: EventType; readonly eventRoles?: readonly Role[] };

/** The whole policy table, one row per module. */
export type Policy = { readonly [M in Module]: ModulePolicy<M> };

/** The user asking: only id and role matter to the policy. */
export interface Actor {
  id: string;
  role: Role;
}

/** Who receives an event: roles, plus individual users. */
export interface Audience {
  roles: Role[];
  users: string[];
}

/** The fields of a record that can make a user its owner. */
export interface OwnedRecord {
  assigneeId?: string | null;
  uploaderId?: string | null;
  /** A published call sheet: the members it calls. */
  calledIds?: readonly string[];
}

/** What an event is about, for the events that also go to individual users. */
export interface EventSubject {
  assigneeId?: string | null;
  previousAssigneeId?: string | null;
  subjectUserId?: string;
}

// Rules are copied and frozen: this table is the app's authorization, and a
// stray `push` anywhere in the process must not be able to widen it.
function rule(roles: readonly Role[], owner?: Rule["owner"]): Rule {
  const r: Rule = owner
    ? { roles: Object.freeze([...roles]), owner }
    : { roles: Object.freeze([...roles]) };
  return Object.freeze(r);
}

const ALL = ROLES;
const PRODUCTION_OFFICE: readonly Role[] = ["producer", "production_manager"];
const VFX_READERS: readonly Role[] = ["vfx", "director", "producer"];
const SCRIPT_READERS: readonly Role[] = ROLES.filter((r) =>
  r !== "distribution_manager"
);

/**
 * DESIGN §3, the one table. Read rules also define each event's audience
 * (see {@link audienceFor}).
 *
 * @example
 * ```ts
 * POLICY.budget.write.roles; // ["producer", "production_manager"]
 * POLICY.tasks.event; // "task_update"
 * ```
 */
export const POLICY: Policy = Object.freeze({
  tasks: Object.freeze({
    // Non-management users see exactly the tasks assigned to them.
    read: rule(MANAGEMENT, "assignee"),
    create: rule(MANAGEMENT),
    edit: rule(MANAGEMENT),
    delete: rule(MANAGEMENT),
    assign: rule(MANAGEMENT),
    change_status: rule(MANAGEMENT, "assignee"),
    event: "task_update",
  }),
  budget: Object.freeze({
    read: rule(PRODUCTION_OFFICE),
    write: rule(PRODUCTION_OFFICE),
    event: "budget_update",
  }),
  script: Object.freeze({
    read: rule(SCRIPT_READERS),
    write: rule(["director", "producer", "production_manager"]),
    // Approving a breakdown, or reopening an approved one, is the creative
    // sign-off: narrower than editing it.
    approve: rule(["director", "producer"]),
    event: "script_update",
  }),
  vfx: Object.freeze({
    read: rule(VFX_READERS),
    write_shots: rule(["vfx"]),
    submit_version: rule(["vfx"]),
    review: rule(["director", "producer"]),
    event: "vfx_update",
  }),
  assets: Object.freeze({
    read: rule(ALL),
    upload: rule(ALL),
    delete: rule(PRODUCTION_OFFICE, "uploader"),
    event: "asset_update",
  }),
  announcements: Object.freeze({
    read: rule(ALL),
    write: rule(PRODUCTION_OFFICE),
    event: "announcement",
  }),
  team: Object.freeze({
    // Everyone may list names and roles; account changes (role, active
    // flag) go only to management and the user concerned, as DESIGN §3 says.
    read: rule(ALL),
    write: rule(PRODUCTION_OFFICE),
    event: "user_update",
    eventRoles: Object.freeze([...MANAGEMENT]),
  }),
  // The production's settings (name, dates, currency, departments, …):
  // every member works by them; the production office changes them.
  production: Object.freeze({
    read: rule(ALL),
    write: rule(PRODUCTION_OFFICE),
    event: "production_update",
  }),
  // The stripboard, its versions, calendar and day out of days: read with
  // the script it is built from; the production office edits and locks it.
  schedule: Object.freeze({
    read: rule(SCRIPT_READERS),
    edit: rule(PRODUCTION_OFFICE),
    lock: rule(PRODUCTION_OFFICE),
    event: "schedule_update",
  }),
  // Call sheets: management reads every one (drafts too); anyone else,
  // distribution included, only a published sheet that calls them, and
  // confirms receiving it.
  callsheets: Object.freeze({
    read: rule(MANAGEMENT, "called"),
    write: rule(PRODUCTION_OFFICE),
    publish: rule(PRODUCTION_OFFICE),
    confirm: rule([], "called"),
    event: "callsheet_update",
  }),
  // The page and its API; each table in it still follows its own module's
  // read rule (lib/reports/service.ts).
  reports: Object.freeze({ read: rule(MANAGEMENT) }),
  // System health: connection statistics, the /status page and its API.
  status: Object.freeze({ read: rule(PRODUCTION_OFFICE) }),
});

// Callers pass strings that came off the wire; look rules up as own keys
// only, so "event", "__proto__" or a typo is a deny, never a crash or a pass.
function ruleOf(module: string, action: string): Rule | undefined {
  if (!Object.hasOwn(POLICY, module)) return undefined;
  const row = POLICY[module as Module] as unknown as Record<string, unknown>;
  if (!Object.hasOwn(row, action)) return undefined;
  const r = row[action];
  return typeof r === "object" && r !== null && "roles" in r
    ? r as Rule
    : undefined;
}

function ownerIds(
  record: OwnedRecord,
  owner: NonNullable<Rule["owner"]>,
): readonly (string | null | undefined)[] {
  if (owner === "called") return record.calledIds ?? [];
  return [owner === "assignee" ? record.assigneeId : record.uploaderId];
}

/**
 * Whether `actor` may do `action` in `module`, on `record` when the rule
 * admits owners. Unknown modules or actions are denied.
 *
 * @example
 * ```ts
 * can({ id: "u1", role: "crew" }, "tasks", "change_status", { assigneeId: "u1" }); // true
 * can({ id: "u1", role: "crew" }, "tasks", "edit", { assigneeId: "u1" }); // false
 * ```
 */
export function can<M extends Module>(
  actor: Actor,
  module: M,
  action: Action<M>,
  record?: OwnedRecord,
): boolean {
  const r = ruleOf(module, action);
  if (!r) return false;
  if (r.roles.includes(actor.role)) return true;
  if (!r.owner || !record) return false;
  // An empty id must never match an empty actor id.
  return actor.id !== "" &&
    ownerIds(record, r.owner).some((id) => id === actor.id);
}

/**
 * Whether the role reads the whole module or only its own records (tasks:
 * management "all", others "own").
 *
 * @example
 * ```ts
 * readScope("crew", "tasks"); // "own"
 * readScope("crew", "budget"); // "none"
 * ```
 */
export function readScope(role: Role, module: Module): "all" | "own" | "none" {
  const r = ruleOf(module, "read");
  if (!r) return "none";
  if (r.roles.includes(role)) return "all";
  return r.owner ? "own" : "none";
}

/**
 * Whether the role may open the module at all (sidebar / page access): true
 * when some read rule admits the role, including via ownership (everyone may
 * open "My tasks").
 *
 * @example
 * ```ts
 * canOpen("crew", "tasks"); // true (own tasks)
 * canOpen("director", "budget"); // false
 * ```
 */
export function canOpen(role: Role, module: Module): boolean {
  return readScope(role, module) !== "none";
}

function moduleOf(type: EventType): Module | undefined {
  return MODULES.find((m) => POLICY[m].event === type);
}

/**
 * Audience of an event, from the table: the roles of the module's read rule
 * (narrowed by `eventRoles` where set), plus the users the subject names:
 * old and new assignee for owner-read modules (tasks), the user concerned for
 * `user_update`. Null ids are ignored, duplicates removed.
 *
 * @example
 * ```ts
 * audienceFor("task_update", { assigneeId: "u2", previousAssigneeId: "u1" });
 * // { roles: ["producer", "production_manager", "director"], users: ["u2", "u1"] }
 * audienceFor("budget_update"); // { roles: ["producer", "production_manager"], users: [] }
 * ```
 */
export function audienceFor(
  type: EventType,
  subject: EventSubject = {},
): Audience {
  const module = moduleOf(type);
  if (!module) return { roles: [], users: [] };
  const row = POLICY[module];
  const read = row.read;
  const roles = [...(row.eventRoles ?? read.roles)];

  // Own-scope readers learn of their records both ways: a task moved off
  // them must disappear from their board, so the old assignee hears too.
  const candidates: (string | null | undefined)[] = [];
  if (read.owner === "assignee") {
    candidates.push(subject.assigneeId, subject.previousAssigneeId);
  }
  // A team record is a user: that user is told of changes to their account.
  if (module === "team") candidates.push(subject.subjectUserId);

  const users = [
    ...new Set(
      candidates.filter((id): id is string =>
        typeof id === "string" && id !== ""
      ),
    ),
  ];
  return { roles, users };
}

/**
 * Whether a user is in an audience (role listed or id listed).
 *
 * @example
 * ```ts
 * inAudience({ id: "u1", role: "crew" }, { roles: [], users: ["u1"] }); // true
 * ```
 */
export function inAudience(actor: Actor, audience: Audience): boolean {
  return audience.roles.includes(actor.role) ||
    (actor.id !== "" && audience.users.includes(actor.id));
}

/**
 * Who may see a record of `module`: the module's event audience, with the
 * record's owner (a task's assignee) among the users. Links and comments on
 * a record go to exactly these people.
 *
 * @example
 * ```ts
 * recordAudience("tasks", { assigneeId: "u2" });
 * // { roles: ["producer", "production_manager", "director"], users: ["u2"] }
 * ```
 */
export function recordAudience(module: Module, owner: OwnedRecord): Audience {
  const row = POLICY[module];
  const read = ruleOf(module, "read");
  if (!read) return { roles: [], users: [] };
  const roles = [...(row.eventRoles ?? read.roles)];
  const ids = read.owner ? ownerIds(owner, read.owner) : [];
  const users = ids.filter((id): id is string =>
    typeof id === "string" && id !== ""
  );
  return { roles, users: [...new Set(users)] };
}

/**
 * The people in both audiences: the roles both list, and each listed user
 * whose role (from `roleOf`) or id the other audience admits too. What
 * links two records may be seen only by who may see both.
 *
 * @example
 * ```ts
 * intersectAudiences(
 *   { roles: ["producer"], users: ["u2"] },
 *   { roles: ["producer", "crew"], users: [] },
 *   (id) => id === "u2" ? "crew" : undefined,
 * ); // { roles: ["producer"], users: ["u2"] }
 * ```
 */
export function intersectAudiences(
  a: Audience,
  b: Audience,
  roleOf: (userId: string) => Role | undefined,
): Audience {
  const roles = a.roles.filter((r) => b.roles.includes(r));
  const admits = (audience: Audience, id: string) => {
    const role = roleOf(id);
    return audience.users.includes(id) ||
      (role !== undefined && audience.roles.includes(role));
  };
  const users = [...new Set([...a.users, ...b.users])].filter((id) => {
    const role = roleOf(id);
    // Already in by role: listing the user would only repeat it.
    if (role !== undefined && roles.includes(role)) return false;
    return admits(a, id) && admits(b, id);
  });
  return { roles, users };
}
