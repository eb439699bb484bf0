import { readEventsAfter } from "@/lib/store/event_log.ts";
import assert from "node:assert/strict";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import { listProductions as productionsOf } from "@/lib/production/service.ts";
import { DEFAULT_DEPARTMENTS } from "@/lib/production/shared.ts";
import { DEFAULT_SHOT_CODE_PATTERN } from "@/lib/production/shot_code.ts";
import { productions } from "@/lib/production/store.ts";
import { seedProduction } from "@/lib/production/testing.ts";
import { readHistory } from "@/lib/store/history.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { withKv } from "@/lib/store/testing.ts";
import { getMember } from "@/lib/team/members.ts";
import {
  createProduction,
  listStudioProductions,
  setArchived,
} from "./production_service.ts";
import { NewProductionSchema } from "./schemas.ts";
import { contextOf, storeAccount } from "./testing.ts";

/** The account's productions, as the tests ask for them. */
const listProductions = (kv: Deno.Kv, accountId: string) =>
  productionsOf({
    kv,
    actor: { id: accountId, name: "" },
    now: () => new Date(),
  });

const input = NewProductionSchema.parse({
  title: "Harbour Lights",
  kind: "series",
  currency: "GBP",
  timeZone: "europe/london",
  startDate: "2027-05-03",
  wrapDate: "2027-06-11",
});

Deno.test("createProduction - the admin becomes its producer; defaults fill what was not given", () =>
  withKv(async (kv) => {
    const admin = await storeAccount(kv, "boss", { admin: true });
    const created = await createProduction(contextOf(kv, admin), input);
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.role, "producer");
    assert.equal(created.slug, "harbour-lights");
    assert.equal(created.timeZone, "Europe/London");
    assert.equal(created.company, "");
    assert.equal(created.archived, false);
    assert.deepEqual(created.departments, [...DEFAULT_DEPARTMENTS]);
    assert.equal(created.shotCodePattern, DEFAULT_SHOT_CODE_PATTERN);
    const view = productionKv(kv, created.id);
    assert.equal((await getMember(view, admin.id))?.role, "producer");
    assert.deepEqual(
      (await listProductions(kv, admin.id)).map((p) => [p.id, p.role]),
      [[created.id, "producer"]],
    );
    const history = await readHistory(view, productions.name, created.id);
    assert.equal(history.entries.length, 1);
    assert.equal(history.entries[0].action, "created");
    assert.equal(history.entries[0].actor.id, admin.id);
  }));

Deno.test("createProduction - a taken slug is a 409 slug_taken and writes nothing", () =>
  withKv(async (kv) => {
    const admin = await storeAccount(kv, "boss", { admin: true });
    const cx = contextOf(kv, admin);
    await seedProduction(kv); // northern-lights
    for (
      const body of [
        { ...input, title: "Northern Lights" },
        { ...input, slug: "northern-lights" },
      ]
    ) {
      await assert.rejects(createProduction(cx, body), (e: unknown) => {
        assert.ok(e instanceof ConflictError);
        assert.equal(e.code, "slug_taken");
        assert.match(e.message, /northern-lights/);
        return true;
      });
    }
    assert.equal((await productions.list(kv)).length, 1);
    assert.deepEqual(await listProductions(kv, admin.id), []);
    // Another slug for the same name is fine.
    const again = await createProduction(cx, {
      ...input,
      title: "Northern Lights",
      slug: "northern-lights-2",
    });
    assert.equal(again.slug, "northern-lights-2");
  }));

Deno.test("studio productions - non-admins may not list, create or archive", () =>
  withKv(async (kv) => {
    const someone = await storeAccount(kv, "someone");
    const production = await seedProduction(kv);
    const cx = contextOf(kv, someone);
    await assert.rejects(listStudioProductions(cx), ForbiddenError);
    await assert.rejects(createProduction(cx, input), ForbiddenError);
    await assert.rejects(setArchived(cx, production.id, true), ForbiddenError);
    assert.equal((await productions.list(kv)).length, 1);
    assert.equal((await productions.get(kv, production.id))?.archived, false);
  }));

Deno.test("createProduction - an admin deactivated meanwhile creates nothing", () =>
  withKv(async (kv) => {
    const admin = await storeAccount(kv, "boss", {
      admin: true,
      active: false,
    });
    await assert.rejects(
      createProduction(contextOf(kv, admin), input),
      ForbiddenError,
    );
    assert.deepEqual(await productions.list(kv), []);
  }));

Deno.test("setArchived - archives and brings back; the same state twice changes nothing; unknown ids are 404", () =>
  withKv(async (kv) => {
    const admin = await storeAccount(kv, "boss", { admin: true });
    const cx = contextOf(kv, admin);
    const production = await seedProduction(kv);
    const archived = await setArchived(cx, production.id, true);
    assert.equal(archived.archived, true);
    assert.equal(archived.version, production.version + 1);
    const again = await setArchived(cx, production.id, true);
    assert.equal(again.version, archived.version);
    const back = await setArchived(cx, production.id, false);
    assert.equal(back.archived, false);
    assert.equal(back.version, archived.version + 1);
    const history = await readHistory(
      productionKv(kv, production.id),
      productions.name,
      production.id,
    );
    assert.deepEqual(history.entries.map((e) => e.action), [
      "unarchived",
      "archived",
    ]);
    // Each change told the production's members once (not the no-op).
    const log = await readEventsAfter(
      productionKv(kv, production.id),
      "0000000000000000",
    );
    assert.ok(!log.resync);
    const told = log.resync ? [] : log.events;
    assert.deepEqual(
      told.map((e) => [e.type, (e.data as { action: string }).action]),
      [["production_update", "archived"], [
        "production_update",
        "unarchived",
      ]],
    );
    assert.equal(told[0].audience.roles.length, 6, "every role reads it");
    await assert.rejects(setArchived(cx, "nope", true), NotFoundError);
  }));

Deno.test("listStudioProductions - every production with its member count, oldest first", () =>
  withKv(async (kv) => {
    const admin = await storeAccount(kv, "boss", { admin: true });
    const cx = contextOf(kv, admin);
    await seedProduction(kv);
    // Made a day later, whatever the clock's resolution.
    const created = await createProduction(
      { ...cx, now: () => new Date(Date.now() + 86_400_000) },
      input,
    );
    const list = await listStudioProductions(cx);
    assert.deepEqual(
      list.map((p) => [p.slug, p.memberCount]),
      [["northern-lights", 0], [created.slug, 1]],
    );
  }));
