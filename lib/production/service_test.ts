import assert from "node:assert/strict";
import { createCategory, createExpense } from "@/lib/budget/testing.ts";
import { toApiError } from "@/lib/http/errors.ts";
import { audienceFor } from "@/lib/policy.ts";
import type { Role } from "@/lib/roles.ts";
import { type ServiceActor, serviceContext } from "@/lib/service.ts";
import { eventId, readEventsAfter } from "@/lib/store/event_log.ts";
import { readHistory } from "@/lib/store/history.ts";
import { withKv } from "@/lib/store/testing.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import { tasks } from "@/lib/tasks/task_store.ts";
import { addMember } from "@/lib/team/members.ts";
import {
  ProductionPatchSchema,
  ProductionUpdateDataSchema,
} from "./schemas.ts";
import {
  listProductions as productionsOf,
  unlistedDepartments,
  updateProduction,
} from "./service.ts";
import { demoProduction } from "@/lib/seed.ts";
import { DEFAULT_DEPARTMENTS } from "./shared.ts";
import { getProduction, PRODUCTION_ID, productions } from "./store.ts";
import { seedProduction } from "./testing.ts";

/** The account's productions, as the tests ask for them. */
const listProductions = (kv: Deno.Kv, accountId: string) =>
  productionsOf({
    kv,
    actor: { id: accountId, name: "" },
    now: () => new Date(),
  });

const actor = (role: Role, id: string = role): ServiceActor => ({
  id,
  name: `The ${role}`,
  role,
});
const producer = actor("producer");
const cx = (kv: Deno.Kv, who: ServiceActor = producer) =>
  serviceContext(kv, who, () => new Date("2027-01-10T09:00:00Z"));
const patch = (input: unknown) => ProductionPatchSchema.parse(input);
const status = (status: number) => (e: unknown) =>
  toApiError(e).status === status;

/** Makes account `accountId` a member of the production `kv` is about. */
const join = (kv: Deno.Kv, accountId: string, role: Role) =>
  transact(kv, (tx) => addMember(tx, kv, accountId, role));

async function logged(kv: Deno.Kv) {
  const page = await readEventsAfter(kv, eventId(0));
  assert.ok(!page.resync);
  return page.resync ? [] : page.events;
}

Deno.test("productions - settings stored before they had these fields read with defaults from what is there", () =>
  withKv(async (kv) => {
    // As the previous version wrote it, moved into the studio's register
    // as it was (migrations/v3_production_register.ts).
    await kv.set(["productions", PRODUCTION_ID], {
      id: PRODUCTION_ID,
      version: 3,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      title: "Été à Ålesund: The Series",
      company: "Fjord Films",
      format: "Limited series",
      currency: "NOK",
      startDate: "2027-05-01",
      wrapDate: "2027-07-01",
    });
    await join(kv, "crew", "crew");
    const [view] = await listProductions(kv, "crew");
    assert.deepEqual(view, {
      id: PRODUCTION_ID,
      version: 3,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      title: "Été à Ålesund: The Series",
      slug: "ete-a-alesund-the-series",
      kind: "series",
      company: "Fjord Films",
      currency: "NOK",
      timeZone: "UTC",
      startDate: "2027-05-01",
      wrapDate: "2027-07-01",
      departments: [...DEFAULT_DEPARTMENTS],
      shotCodePattern: "PREFIX_SEQ_SHOT",
      archived: false,
      vfxBudgetCategoryId: null,
      role: "crew",
    });
    // The first save stores them (and drops the old free-text format).
    await updateProduction(cx(kv), PRODUCTION_ID, patch({ company: "Fjord" }));
    const raw = (await kv.get<Record<string, unknown>>([
      "productions",
      PRODUCTION_ID,
    ])).value!;
    assert.equal(raw.kind, "series");
    assert.equal(raw.slug, "ete-a-alesund-the-series");
    assert.equal(raw.archived, false);
    assert.equal(raw.format, undefined);
    assert.equal(raw.version, 4);
  }));

Deno.test("productions - none before seeding or joining; each member sees theirs, with their role there", () =>
  withKv(async (kv) => {
    assert.deepEqual(await listProductions(kv, "crew"), []);
    await seedProduction(kv);
    assert.deepEqual(await listProductions(kv, "crew"), [], "not a member");
    const roles: Role[] = [
      "producer",
      "production_manager",
      "director",
      "crew",
      "vfx",
      "distribution_manager",
    ];
    for (const role of roles) await join(kv, role, role);
    // A second production, where crew alone is a member, and in another role.
    const second = productionKv(kv, "p2");
    await transact(second, (tx) =>
      productions.insert(
        tx,
        demoProduction({ title: "Saltwater", slug: "saltwater" }),
        { id: "p2", now: new Date("2030-01-01T00:00:00Z") },
      ));
    await join(second, "crew", "production_manager");
    for (const role of roles) {
      const list = await listProductions(kv, role);
      assert.deepEqual(
        list.map((p) => [p.slug, p.role]),
        role === "crew"
          ? [["northern-lights", "crew"], ["saltwater", "production_manager"]]
          : [["northern-lights", role]],
        role,
      );
    }
    const [film] = await listProductions(kv, "director");
    assert.deepEqual(film, {
      ...(await getProduction(kv))!,
      role: "director",
    });
  }));

Deno.test("updateProduction - the production office changes settings: one commit with history and the event", () =>
  withKv(async (kv) => {
    await seedProduction(kv);
    const pm = actor("production_manager", "pm1");
    const after = await updateProduction(
      cx(kv, pm),
      PRODUCTION_ID,
      patch({
        title: "Northern Lights II",
        timeZone: "america/new_york",
        departments: ["Production", "Camera", "Stunts"],
        shotCodePattern: "EPEPISODE_SEQ_SHOT",
        kind: "feature",
      }),
      1,
    );
    assert.equal(after.version, 2);
    assert.equal(after.timeZone, "America/New_York", "the zone's own name");
    assert.deepEqual(after.departments, ["Production", "Camera", "Stunts"]);
    assert.deepEqual(await getProduction(kv), after);

    const [event] = await logged(kv);
    assert.equal(event.type, "production_update");
    assert.deepEqual(event.audience, audienceFor("production_update"));
    assert.equal(event.audience.roles.length, 6, "every member");
    const data = ProductionUpdateDataSchema.parse(event.data);
    assert.deepEqual(data.changed, [
      "title",
      "timeZone",
      "departments",
      "shotCodePattern",
    ]);
    assert.deepEqual(data.production, after);
    assert.deepEqual((event.data as { by: unknown }).by, {
      id: "pm1",
      name: "The production_manager",
    });

    const { entries } = await readHistory(kv, productions.name, PRODUCTION_ID);
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0].changes.map((c) => c.field), data.changed);
    assert.deepEqual(entries[0].changes[0], {
      field: "title",
      from: "Northern Lights",
      to: "Northern Lights II",
    });
  }));

Deno.test("updateProduction - other roles get 403, another id 404, a stale version 409 with the current settings", () =>
  withKv(async (kv) => {
    await seedProduction(kv);
    for (
      const role of [
        "director",
        "crew",
        "vfx",
        "distribution_manager",
      ] as Role[]
    ) {
      await assert.rejects(
        () =>
          updateProduction(
            cx(kv, actor(role)),
            PRODUCTION_ID,
            patch({ title: "Mine now" }),
          ),
        status(403),
        role,
      );
    }
    await assert.rejects(
      () => updateProduction(cx(kv), "elsewhere", patch({ title: "X" })),
      status(404),
    );
    await updateProduction(cx(kv), PRODUCTION_ID, patch({ title: "One" }), 1);
    await assert.rejects(
      () => updateProduction(cx(kv), PRODUCTION_ID, patch({ title: "Two" }), 1),
      (e) => {
        const api = toApiError(e);
        const current = (api.details as { current: { title: string } }).current;
        return api.status === 409 && api.code === "version_conflict" &&
          current.title === "One";
      },
    );
    assert.equal((await getProduction(kv))?.title, "One");
    assert.equal((await logged(kv)).length, 1, "only the one change logged");
  }));

Deno.test("updateProduction - dates in order, also against the stored one", () =>
  withKv(async (kv) => {
    await seedProduction(kv); // 2027-02-01 … 2027-04-30
    assert.throws(
      () => patch({ startDate: "2027-05-01", wrapDate: "2027-04-01" }),
      /wrap date cannot be before/,
    );
    await assert.rejects(
      () =>
        updateProduction(
          cx(kv),
          PRODUCTION_ID,
          patch({ startDate: "2027-05-01" }),
        ),
      (e) => {
        const api = toApiError(e);
        return api.status === 400 &&
          JSON.stringify(api.details).includes("startDate");
      },
    );
    assert.equal((await getProduction(kv))?.version, 1);
  }));

Deno.test("updateProduction - the currency stays once the budget or a bid holds an amount", () =>
  withKv(async (kv) => {
    await seedProduction(kv, { currency: "EUR" });
    // Nothing held yet: it may change, and back.
    await updateProduction(cx(kv), PRODUCTION_ID, patch({ currency: "GBP" }));
    await updateProduction(cx(kv), PRODUCTION_ID, patch({ currency: "EUR" }));
    const category = await createCategory(kv, producer, {
      name: "Camera",
      code: "2300",
      section: "below_the_line",
      allocatedCents: 0,
    });
    await createExpense(kv, producer, {
      categoryId: category.id,
      amountCents: 12_00,
      description: "Lens rental",
      vendor: "ARRI Rental",
      date: "2027-03-01",
    });
    await assert.rejects(
      () => updateProduction(cx(kv), PRODUCTION_ID, patch({ currency: "USD" })),
      (e) => {
        const api = toApiError(e);
        return api.status === 409 && api.code === "currency_in_use" &&
          /amounts in EUR/.test(api.message);
      },
    );
    // Other settings, and the same currency, still save.
    const saved = await updateProduction(
      cx(kv),
      PRODUCTION_ID,
      patch({ currency: "EUR", company: "Aurora" }),
    );
    assert.equal(saved.currency, "EUR");
    assert.equal(saved.company, "Aurora");
  }));

Deno.test("settings patch - clear messages for what cannot be saved", () => {
  const issues = (input: unknown) => {
    const result = ProductionPatchSchema.safeParse(input);
    assert.ok(!result.success, JSON.stringify(input));
    return result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  assert.deepEqual(issues({}), [": Change at least one setting"]);
  assert.match(issues({ slug: "Northern Lights" })[0], /^slug: Use lower-case/);
  assert.match(issues({ slug: "northern--lights" })[0], /^slug: /);
  assert.match(issues({ currency: "eur" })[0], /^currency: Use a three-letter/);
  assert.match(issues({ currency: "XYZ" })[0], /^currency: Not a currency/);
  assert.match(
    issues({ timeZone: "Mars/Olympus" })[0],
    /^timeZone: Not a known/,
  );
  assert.match(issues({ kind: "opera" })[0], /^kind: Choose feature/);
  assert.match(
    issues({ startDate: "1 Feb 2027" })[0],
    /^startDate: Give a date/,
  );
  assert.deepEqual(issues({ departments: ["Camera", " camera "] }), [
    "departments.1: “camera” is listed twice",
  ]);
  assert.match(
    issues({ departments: [""] })[0],
    /^departments.0: A department/,
  );
  assert.match(issues({ shotCodePattern: "SEQ_SEQ" })[0], /^shotCodePattern: /);
  assert.match(issues({ format: "Feature" })[0], /format/);
  assert.match(
    issues({ title: "  " })[0],
    /^title: Give the production a name/,
  );
});

Deno.test("unlistedDepartments - what tasks use that the list lacks, for management", () =>
  withKv(async (kv) => {
    await seedProduction(kv);
    await transact(kv, async (tx) => {
      for (const department of ["Camera", "stunts", "Stunts", "", "Catering"]) {
        await tasks.insert(tx, {
          title: `A ${department} task`,
          description: "",
          status: "todo",
          priority: "medium",
          assigneeId: null,
          department,
          dueDate: null,
          createdBy: "p",
          rank: "a",
        });
      }
    });
    const listed = ["Camera", "STUNTS"];
    assert.deepEqual(await unlistedDepartments(cx(kv), listed), ["Catering"]);
    assert.deepEqual(
      await unlistedDepartments(cx(kv), ["Camera"]),
      ["Catering", "stunts", "Stunts"].sort((a, b) => a.localeCompare(b, "en")),
    );
    assert.deepEqual(
      await unlistedDepartments(cx(kv, actor("crew")), listed),
      [],
      "crew does not read every task",
    );
  }));
