/**
 * The policy table's event side: who receives each event type (DESIGN §3,
 * written out by hand so the tests check the table rather than echo it),
 * and that audiences follow read permissions. The permission matrix is in
 * policy_test.ts.
 */
import assert from "node:assert/strict";
import {
  audienceFor,
  EVENT_TYPES,
  type EventType,
  inAudience,
  MODULE_EVENT_TYPES,
  MODULES,
  POLICY,
  readScope,
  RECORD_EVENT_TYPES,
  recordAudience,
} from "./policy.ts";
import { MANAGEMENT, type Role, ROLES } from "./roles.ts";
import { actor, ME, OTHER, sorted } from "./policy_testing.ts";

const MGMT: Role[] = ["director", "producer", "production_manager"];
const EVERYONE: Role[] = [
  "crew",
  "director",
  "distribution_manager",
  "producer",
  "production_manager",
  "vfx",
];

// Event audiences by role, written out by hand from DESIGN §3.
const EXPECTED_EVENT_ROLES: Record<EventType, Role[]> = {
  task_update: MGMT,
  budget_update: ["producer", "production_manager"],
  script_update: ["crew", "director", "producer", "production_manager", "vfx"],
  vfx_update: ["director", "producer", "vfx"],
  asset_update: EVERYONE,
  announcement: EVERYONE,
  user_update: MGMT,
  production_update: EVERYONE,
  schedule_update: [
    "crew",
    "director",
    "producer",
    "production_manager",
    "vfx",
  ],
  // A call sheet's audience is management plus the members it calls
  // (recordAudience with its calledIds); the row alone: management.
  callsheet_update: MGMT,
  // Events about records of any module have no row: their services compute
  // the audience from the records (recordAudience, intersectAudiences), so
  // the table alone sends them to nobody.
  link_update: [],
  comment_update: [],
  inbox_update: [],
  ripple_update: [],
};

Deno.test("policy - audienceFor gives each event type its roles", () => {
  for (const type of EVENT_TYPES) {
    const audience = audienceFor(type);
    assert.deepEqual(
      sorted(audience.roles),
      EXPECTED_EVENT_ROLES[type],
      `roles of ${type}`,
    );
    assert.equal(
      new Set(audience.roles).size,
      audience.roles.length,
      `no duplicate roles in ${type}`,
    );
    assert.deepEqual(audience.users, [], `no users without a subject: ${type}`);
  }
});

Deno.test("policy - task_update goes to management and the assignee", () => {
  const a = audienceFor("task_update", { assigneeId: "u1" });
  assert.deepEqual(sorted(a.roles), MGMT);
  assert.deepEqual(a.users, ["u1"]);
});

Deno.test("policy - task_update on reassignment reaches old and new assignee once each", () => {
  const moved = audienceFor("task_update", {
    assigneeId: "u2",
    previousAssigneeId: "u1",
  });
  assert.deepEqual(sorted(moved.users), ["u1", "u2"]);

  const same = audienceFor("task_update", {
    assigneeId: "u1",
    previousAssigneeId: "u1",
  });
  assert.deepEqual(same.users, ["u1"], "same assignee is listed once");

  const unassigned = audienceFor("task_update", {
    assigneeId: null,
    previousAssigneeId: "u1",
  });
  assert.deepEqual(unassigned.users, ["u1"], "null assignee is ignored");

  const nobody = audienceFor("task_update", {
    assigneeId: null,
    previousAssigneeId: null,
  });
  assert.deepEqual(nobody.users, [], "both null");
  assert.deepEqual(audienceFor("task_update", {}).users, [], "empty subject");
});

Deno.test("policy - user_update goes to management and the user concerned", () => {
  const a = audienceFor("user_update", { subjectUserId: "u7" });
  assert.deepEqual(sorted(a.roles), MGMT);
  assert.deepEqual(a.users, ["u7"]);
  assert.equal(inAudience({ id: "u7", role: "crew" }, a), true);
  assert.equal(inAudience({ id: "u8", role: "crew" }, a), false);
});

Deno.test("policy - subject fields that do not apply to an event are ignored", () => {
  const subject = {
    assigneeId: "u1",
    previousAssigneeId: "u2",
    subjectUserId: "u3",
  };
  for (const type of EVENT_TYPES) {
    const users = sorted(audienceFor(type, subject).users);
    const want = type === "task_update"
      ? ["u1", "u2"]
      : type === "user_update"
      ? ["u3"]
      : [];
    assert.deepEqual(users, want, `users of ${type}`);
  }
});

Deno.test("policy - audiences are fresh arrays, safe to mutate", () => {
  const a = audienceFor("budget_update");
  a.roles.push("crew");
  a.users.push("intruder");
  assert.deepEqual(sorted(audienceFor("budget_update").roles), [
    "producer",
    "production_manager",
  ]);
  assert.deepEqual(audienceFor("budget_update").users, []);
});

Deno.test("policy - inAudience matches by role or by id", () => {
  const audience = { roles: ["producer" as Role], users: ["u1"] };
  assert.equal(inAudience({ id: "x", role: "producer" }, audience), true);
  assert.equal(inAudience({ id: "u1", role: "crew" }, audience), true);
  assert.equal(inAudience({ id: "u2", role: "crew" }, audience), false);
  assert.equal(
    inAudience({ id: "u1", role: "crew" }, { roles: [], users: [] }),
    false,
  );
  assert.equal(
    inAudience({ id: "", role: "crew" }, { roles: [], users: [""] }),
    false,
    "an empty id matches nobody",
  );
});

Deno.test("policy - every module event type belongs to exactly one module; record events to none", () => {
  const emitted = MODULES.flatMap((m) => POLICY[m].event ?? []);
  assert.deepEqual(sorted(emitted), sorted(MODULE_EVENT_TYPES));
  assert.deepEqual(
    sorted(EVENT_TYPES),
    sorted([...MODULE_EVENT_TYPES, ...RECORD_EVENT_TYPES]),
  );
  for (const type of RECORD_EVENT_TYPES) {
    assert.deepEqual(audienceFor(type), { roles: [], users: [] }, type);
  }
});

Deno.test("policy - the views (reports, status) emit no events", () => {
  assert.equal(POLICY.reports.event, undefined);
  assert.equal(POLICY.status.event, undefined);
});

// DESIGN §3: a role that cannot read a module never receives its events; a
// role that can read all of it always does; an own-scope reader receives the
// events of the records it owns. The one documented exception: user_update
// goes to management + the user concerned although every role may list the
// team (names and roles), so for team the event audience may only narrow.
Deno.test("policy - event audiences follow read permissions (DESIGN §3 invariant)", () => {
  for (const module of MODULES) {
    const type = POLICY[module].event;
    if (type === undefined) continue; // a view: no events to route
    const byRole = audienceFor(type);
    for (const role of ROLES) {
      const scope = readScope(role, module);
      const label: string = `${role} / ${module} (${type}, scope ${scope})`;
      const listed = byRole.roles.includes(role);
      if (scope === "none") {
        assert.equal(listed, false, `non-reader gets no events: ${label}`);
      } else if (scope === "all") {
        const want = module === "team" ? MANAGEMENT.includes(role) : true;
        assert.equal(listed, want, `full reader gets every event: ${label}`);
      } else {
        assert.equal(
          listed,
          false,
          `own-scope reader not listed by role: ${label}`,
        );
        const me = actor(role);
        if (POLICY[module].read.owner === "called") {
          // A call sheet names its members: its audience is the record's.
          const calls = recordAudience(module, { calledIds: [OTHER, ME] });
          assert.equal(inAudience(me, calls), true, `called: ${label}`);
          const others = recordAudience(module, { calledIds: [OTHER] });
          assert.equal(inAudience(me, others), false, `not called: ${label}`);
          continue;
        }
        const owned = audienceFor(type, { assigneeId: ME });
        assert.equal(inAudience(me, owned), true, `owner gets it: ${label}`);
        const movedAway = audienceFor(type, {
          assigneeId: OTHER,
          previousAssigneeId: ME,
        });
        assert.equal(
          inAudience(me, movedAway),
          true,
          `previous owner gets the reassignment: ${label}`,
        );
        const notMine = audienceFor(type, { assigneeId: OTHER });
        assert.equal(
          inAudience(me, notMine),
          false,
          `others' records stay hidden: ${label}`,
        );
      }
    }
  }
});
