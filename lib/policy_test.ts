import assert from "node:assert/strict";
import {
  ACTIONS,
  type Actor,
  can,
  canOpen,
  type Module,
  MODULES,
  POLICY,
  readScope,
} from "./policy.ts";
import { type Role, ROLES } from "./roles.ts";
import { actor, ME, OTHER, sorted } from "./policy_testing.ts";

// The expected permissions, written out by hand from DESIGN §3 and NOT derived
// from POLICY, so these tests check the table rather than echo it.
// Y = always, A = only as the record's assignee, U = only as its uploader,
// C = only as a member the (published) call sheet calls, - = never. The header row names the roles, by wire name.
const EXPECTED_CAN = parseGrid(`
  module.action         producer  production_manager  director  crew  vfx  distribution_manager
  tasks.read               Y             Y               Y       A     A           A
  tasks.create             Y             Y               Y       -     -           -
  tasks.edit               Y             Y               Y       -     -           -
  tasks.delete             Y             Y               Y       -     -           -
  tasks.assign             Y             Y               Y       -     -           -
  tasks.change_status      Y             Y               Y       A     A           A
  budget.read              Y             Y               -       -     -           -
  budget.write             Y             Y               -       -     -           -
  script.read              Y             Y               Y       Y     Y           -
  script.write             Y             Y               Y       -     -           -
  script.approve           Y             -               Y       -     -           -
  vfx.read                 Y             -               Y       -     Y           -
  vfx.write_shots          -             -               -       -     Y           -
  vfx.submit_version       -             -               -       -     Y           -
  vfx.review               Y             -               Y       -     -           -
  assets.read              Y             Y               Y       Y     Y           Y
  assets.upload            Y             Y               Y       Y     Y           Y
  assets.delete            Y             Y               U       U     U           U
  announcements.read       Y             Y               Y       Y     Y           Y
  announcements.write      Y             Y               -       -     -           -
  team.read                Y             Y               Y       Y     Y           Y
  team.write               Y             Y               -       -     -           -
  production.read          Y             Y               Y       Y     Y           Y
  production.write         Y             Y               -       -     -           -
  schedule.read            Y             Y               Y       Y     Y           -
  schedule.edit            Y             Y               -       -     -           -
  schedule.lock            Y             Y               -       -     -           -
  callsheets.read          Y             Y               Y       C     C           C
  callsheets.write         Y             Y               -       -     -           -
  callsheets.publish       Y             Y               -       -     -           -
  callsheets.confirm       C             C               C       C     C           C
  reports.read             Y             Y               Y       -     -           -
  status.read              Y             Y               -       -     -           -
`);

// What each role reads of each module, by hand: all, own records, or none.
const EXPECTED_SCOPE = parseGrid(`
  module          producer  production_manager  director  crew  vfx   distribution_manager
  tasks             all            all             all     own   own          own
  budget            all            all             none    none  none         none
  script            all            all             all     all   all          none
  vfx               all            none            all     none  all          none
  assets            all            all             all     all   all          all
  announcements     all            all             all     all   all          all
  team              all            all             all     all   all          all
  production        all            all             all     all   all          all
  schedule          all            all             all     all   all          none
  callsheets        all            all             all     own   own          own
  reports           all            all             all     none  none         none
  status            all            all             none    none  none         none
`);

/** Parses a whitespace-aligned grid: first row names the roles, first column the row keys. */
function parseGrid(text: string): {
  roles: string[];
  rows: Map<string, Map<string, string>>;
} {
  const lines = text.trim().split("\n").map((l) => l.trim().split(/\s+/));
  const [[, ...roles], ...body] = lines;
  const rows = new Map<string, Map<string, string>>();
  for (const [key, ...cells] of body) {
    assert.equal(cells.length, roles.length, `grid row ${key} width`);
    assert.ok(!rows.has(key), `grid row ${key} is unique`);
    rows.set(key, new Map(roles.map((r, i) => [r, cells[i]])));
  }
  return { roles, rows };
}

type Cell = "Y" | "A" | "U" | "C" | "-";

function expectedCell(module: Module, action: string, role: Role): Cell {
  const cell = EXPECTED_CAN.rows.get(`${module}.${action}`)?.get(role);
  assert.ok(cell, `expected table has ${module}.${action} for ${role}`);
  assert.ok(
    ["Y", "A", "U", "C", "-"].includes(cell),
    `cell "${cell}" is valid`,
  );
  return cell as Cell;
}

/** Every (module, action) pair of ACTIONS, typed loosely for loops. */
function allActions(): [Module, string][] {
  return MODULES.flatMap((m) =>
    (ACTIONS[m] as readonly string[]).map((a): [Module, string] => [m, a])
  );
}

// Loops pass runtime strings; this keeps the cast in one place.
function canLoose(
  actor: Actor,
  module: Module,
  action: string,
  record?: {
    assigneeId?: string | null;
    uploaderId?: string | null;
    calledIds?: string[];
  },
): boolean {
  return can(actor, module, action as never, record);
}

Deno.test("policy - expected table covers exactly the actions of ACTIONS", () => {
  const fromActions = sorted(allActions().map(([m, a]) => `${m}.${a}`));
  assert.deepEqual(sorted([...EXPECTED_CAN.rows.keys()]), fromActions);
  assert.deepEqual(sorted(EXPECTED_CAN.roles), sorted(ROLES), "every role");
  assert.deepEqual(sorted([...EXPECTED_SCOPE.rows.keys()]), sorted(MODULES));
  assert.deepEqual(sorted(EXPECTED_SCOPE.roles), sorted(ROLES), "every role");
});

Deno.test("policy - can() matches the DESIGN §3 matrix for every role × module × action", () => {
  // Records: none, owned via each owner field, someone else's, and unowned.
  const records = {
    none: undefined,
    assignedToMe: { assigneeId: ME, uploaderId: OTHER },
    uploadedByMe: { assigneeId: OTHER, uploaderId: ME },
    calledMe: { calledIds: [OTHER, ME] },
    someoneElses: { assigneeId: OTHER, uploaderId: OTHER, calledIds: [OTHER] },
    unowned: { assigneeId: null, uploaderId: null, calledIds: [] },
  };
  let checked = 0;
  for (const [module, action] of allActions()) {
    for (const role of ROLES) {
      const cell = expectedCell(module, action, role);
      const want: Record<keyof typeof records, boolean> = {
        none: cell === "Y",
        assignedToMe: cell === "Y" || cell === "A",
        uploadedByMe: cell === "Y" || cell === "U",
        calledMe: cell === "Y" || cell === "C",
        someoneElses: cell === "Y",
        unowned: cell === "Y",
      };
      for (const [name, record] of Object.entries(records)) {
        const got = canLoose(actor(role), module, action, record);
        assert.equal(
          got,
          want[name as keyof typeof records],
          `can(${role}, ${module}, ${action}) with record "${name}"`,
        );
        checked++;
      }
    }
  }
  assert.equal(checked, 33 * 6 * 6);
});

Deno.test("policy - crew may change the status of own task only", () => {
  const crew = actor("crew");
  assert.equal(
    can(crew, "tasks", "change_status", { assigneeId: ME }),
    true,
  );
  assert.equal(
    can(crew, "tasks", "change_status", { assigneeId: OTHER }),
    false,
  );
  assert.equal(can(crew, "tasks", "change_status"), false, "no record");
  assert.equal(
    can(crew, "tasks", "edit", { assigneeId: ME }),
    false,
    "owning a task does not allow editing it",
  );
  assert.equal(
    can(crew, "tasks", "change_status", { uploaderId: ME }),
    false,
    "uploader is not the owner field of tasks",
  );
});

Deno.test("policy - only the uploader or the production office may delete an asset", () => {
  assert.equal(
    can(actor("crew"), "assets", "delete", { uploaderId: ME }),
    true,
  );
  assert.equal(
    can(actor("crew"), "assets", "delete", { uploaderId: OTHER }),
    false,
  );
  assert.equal(
    can(actor("director"), "assets", "delete", { uploaderId: OTHER }),
    false,
  );
  assert.equal(
    can(actor("production_manager"), "assets", "delete", {
      uploaderId: OTHER,
    }),
    true,
  );
});

Deno.test("policy - ownership never matches an empty or missing id", () => {
  const noId = actor("crew", "");
  assert.equal(
    can(noId, "tasks", "change_status", { assigneeId: "" }),
    false,
  );
  assert.equal(can(noId, "tasks", "read", { assigneeId: null }), false);
  assert.equal(can(noId, "assets", "delete", { uploaderId: undefined }), false);
});

Deno.test("policy - unknown modules, actions and roles are denied, not crashed on", () => {
  const producer = actor("producer");
  for (const action of ["event", "eventRoles", "__proto__", "toString", "x"]) {
    assert.equal(
      can(producer, "tasks", action as never),
      false,
      `action "${action}"`,
    );
  }
  assert.equal(can(producer, "nope" as never, "read" as never), false);
  assert.equal(can(producer, "__proto__" as never, "read" as never), false);
  assert.equal(can(actor("intern" as Role), "assets", "read"), false);
  assert.equal(canOpen("producer", "nope" as never), false);
  assert.equal(readScope("producer", "__proto__" as never), "none");
});

Deno.test("policy - the table cannot be widened at run time", () => {
  assert.throws(() => {
    (POLICY.budget.read.roles as Role[]).push("crew");
  }, TypeError);
  assert.throws(() => {
    (POLICY.budget as { read: unknown }).read = { roles: ROLES };
  }, TypeError);
  assert.equal(can(actor("crew"), "budget", "read"), false);
});

// The sidebar each role sees, written out by hand.
const EXPECTED_SIDEBAR: Record<Role, readonly Module[]> = {
  producer: [
    "tasks",
    "budget",
    "script",
    "schedule",
    "vfx",
    "assets",
    "announcements",
    "team",
    "production",
    "callsheets",
    "reports",
    "status",
  ],
  production_manager: [
    "tasks",
    "budget",
    "script",
    "schedule",
    "assets",
    "announcements",
    "team",
    "production",
    "callsheets",
    "reports",
    "status",
  ],
  director: [
    "tasks",
    "script",
    "schedule",
    "vfx",
    "assets",
    "announcements",
    "team",
    "production",
    "callsheets",
    "reports",
  ],
  crew: [
    "tasks",
    "script",
    "schedule",
    "assets",
    "announcements",
    "team",
    "production",
    "callsheets",
  ],
  vfx: [
    "tasks",
    "script",
    "schedule",
    "vfx",
    "assets",
    "announcements",
    "team",
    "production",
    "callsheets",
  ],
  distribution_manager: [
    "tasks",
    "assets",
    "announcements",
    "team",
    "production",
    "callsheets",
  ],
};

Deno.test("policy - canOpen gives each role its sidebar", () => {
  for (const role of ROLES) {
    for (const module of MODULES) {
      assert.equal(
        canOpen(role, module),
        EXPECTED_SIDEBAR[role].includes(module),
        `canOpen(${role}, ${module})`,
      );
    }
  }
});

Deno.test("policy - readScope: management reads all tasks, others their own", () => {
  for (const module of MODULES) {
    for (const role of ROLES) {
      assert.equal(
        readScope(role, module),
        EXPECTED_SCOPE.rows.get(module)?.get(role),
        `readScope(${role}, ${module})`,
      );
    }
  }
});
