import assert from "node:assert/strict";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import {
  createScript,
  getScript,
  importDraft,
  updateScene,
} from "@/lib/script/service.ts";
import {
  as,
  byNumber,
  crew,
  director,
  distribution,
  manager,
  producer,
  rejects,
  scriptEvents,
  vfx,
} from "@/lib/script/testing.ts";
import { latestEventId } from "@/lib/store/event_log.ts";
import { readHistory } from "@/lib/store/history.ts";
import { withKv } from "@/lib/store/testing.ts";
import { ensureElements } from "./ensure.ts";
import {
  getElement,
  listElementSummaries,
  mergeElement,
  renameElement,
} from "./service.ts";
import { ElementMergedError, elements, findByTag } from "./store.ts";

const SHORT = `Title: Harbour

INT. BOATHOUSE - NIGHT #1#

BRAM
Anyone here?

MAGGIE
Only me.

EXT. JETTY - DAY #2#

MARGIT
The boat is late.
`;

/** The element of a tag, which must exist. */
async function elementOf(kv: Deno.Kv, category: string, tag: string) {
  const element = await findByTag(kv, category, tag);
  assert.ok(element, `${category} “${tag}” has an element`);
  return element;
}

Deno.test("elements - created on first use: the import's cast and locations, then a patch's tags; idempotent", () =>
  withKv(async (kv) => {
    const { script, scenes } = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    const cast = (await elements.list(kv)).filter((e) => e.category === "cast")
      .sort((a, b) => a.castNumber! - b.castNumber!);
    // Numbered in script order: Margit speaks first.
    assert.equal(cast[0].name, "MARGIT");
    assert.deepEqual(cast.map((e) => e.castNumber), cast.map((_, i) => i + 1));
    const speakers = new Set(scenes.flatMap((s) => s.breakdown.cast));
    assert.deepEqual(new Set(cast.map((e) => e.name)), speakers);
    await elementOf(kv, "locations", "LIGHTHOUSE - KITCHEN");
    assert.equal(cast[0].createdByName, director.name);

    const before = (await elements.list(kv)).length;
    await updateScene(as(kv, manager), script.id, scenes[0].id, {
      add: { props: ["Red umbrella"], notes: ["Not an element"] },
    });
    const umbrella = await elementOf(kv, "props", "red umbrella");
    assert.equal(umbrella.name, "Red umbrella");
    assert.equal(umbrella.castNumber, null);
    assert.equal(umbrella.createdByName, manager.name);
    assert.equal(await findByTag(kv, "notes", "Not an element"), null);
    // The same tag in another scene, spelled otherwise: the same element.
    await updateScene(as(kv, manager), script.id, scenes[3].id, {
      add: { props: ["red   UMBRELLA"] },
    });
    assert.equal((await elements.list(kv)).length, before + 1);
    const again = await ensureElements(as(kv, producer), [
      { category: "props", name: "Red Umbrella" },
      { category: "cast", name: "margit" },
    ]);
    assert.deepEqual(again.map((e) => e.id), [umbrella.id, cast[0].id]);
    assert.equal((await elements.list(kv)).length, before + 1);

    // Its creation is in its history; no event but the scenes' own.
    const history = await readHistory(kv, elements.name, umbrella.id, {});
    assert.deepEqual(history.entries.map((e) => e.action), ["created"]);
    // A refused patch creates nothing.
    await rejects(
      () =>
        updateScene(as(kv, crew), script.id, scenes[0].id, {
          add: { props: ["Crew's kite"] },
        }),
      403,
    );
    assert.equal(await findByTag(kv, "props", "Crew's kite"), null);
  }));

Deno.test("elements - cast keeps its elements, ids and numbers across drafts; a new character gets the next number", () =>
  withKv(async (kv) => {
    const first = await createScript(as(kv, director), { source: SHORT });
    const before = await elements.list(kv);
    const numbers = Object.fromEntries(
      before.filter((e) => e.category === "cast").map((
        e,
      ) => [e.name, [e.id, e.castNumber]]),
    );
    assert.deepEqual(Object.keys(numbers).sort(), ["BRAM", "MAGGIE", "MARGIT"]);
    assert.equal(numbers.BRAM[1], 1);
    assert.equal(numbers.MARGIT[1], 3);
    await importDraft(as(kv, director), first.script.id, {
      source:
        `${SHORT}\nINT. BOATHOUSE - DAY #3#\n\nVOSS\nMorning.\n\nBRAM\nMorning.\n`,
    });
    const after = (await elements.list(kv)).filter((e) =>
      e.category === "cast"
    );
    for (const element of after) {
      if (element.name === "VOSS") continue;
      assert.deepEqual(
        [element.id, element.castNumber],
        numbers[element.name],
        element.name,
      );
    }
    assert.equal(after.find((e) => e.name === "VOSS")?.castNumber, 4);
    assert.equal(after.length, 4);
  }));

Deno.test("elements - rename rewrites the tag in the current drafts only, logs one rename and each scene, and sticks in the next draft", () =>
  withKv(async (kv) => {
    const { script, scenes } = await createScript(as(kv, director), {
      source: SHORT,
    });
    await updateScene(as(kv, director), script.id, scenes[0].id, {
      add: { props: ["Lantern"] },
    });
    const draft2 = await importDraft(as(kv, director), script.id, {
      source: SHORT.replace("Only me.", "Just me."),
    });
    const maggie = await elementOf(kv, "cast", "MAGGIE");
    const head = await latestEventId(kv);

    const renamed = await renameElement(as(kv, producer), maggie.id, {
      name: "Maggie Voss",
    }, maggie.version);
    assert.equal(renamed.name, "Maggie Voss");
    assert.equal(renamed.key, "maggie voss");
    assert.equal(renamed.id, maggie.id);
    assert.equal(renamed.castNumber, maggie.castNumber);
    // The current draft has the new name; draft 1 is history and keeps it.
    const now = await getScript(as(kv, crew), script.id);
    assert.deepEqual(byNumber(now, "1").breakdown.cast, [
      "BRAM",
      "Maggie Voss",
    ]);
    const old = await getScript(as(kv, crew), script.id, 1);
    assert.deepEqual(byNumber(old, "1").breakdown.cast, ["BRAM", "MAGGIE"]);
    // Its other tags are untouched.
    assert.deepEqual(byNumber(now, "1").breakdown.props, ["Lantern"]);
    const events = await scriptEvents(kv, head);
    assert.deepEqual(events.map((e) => e.data.action), [
      "element_renamed",
      "scene_updated",
    ]);
    const first = events[0].data;
    assert.ok(first.action === "element_renamed");
    assert.equal(first.previousName, "MAGGIE");
    assert.deepEqual(first.element, renamed);
    const history = await readHistory(kv, elements.name, maggie.id, {});
    assert.equal(history.entries[0].action, "renamed");
    assert.deepEqual(history.entries[0].changes, [{
      field: "name",
      from: "MAGGIE",
      to: "Maggie Voss",
    }]);
    // The old spelling still leads to it.
    assert.equal((await findByTag(kv, "cast", "maggie"))?.id, maggie.id);
    assert.deepEqual((await getElement(as(kv, vfx), maggie.id)).aliases, [
      "maggie",
    ]);

    // The next draft's parser still says MAGGIE: the tag is the element's.
    const draft3 = await importDraft(as(kv, director), script.id, {
      source: `${
        SHORT.replace("Only me.", "Me.")
      }\nEXT. PIER - DAY #3#\n\nMAGGIE\nHello.\n`,
    });
    assert.deepEqual(byNumber(draft3, "3").breakdown.cast, ["Maggie Voss"]);
    assert.deepEqual(byNumber(draft3, "1").breakdown.cast, [
      "BRAM",
      "Maggie Voss",
    ]);
    assert.equal(
      (await elements.list(kv)).filter((e) => e.category === "cast").length,
      3,
    );
    assert.ok(draft2.version.number < draft3.version.number);

    // The same name again writes nothing; a case change is a rename.
    const head2 = await latestEventId(kv);
    const same = await renameElement(as(kv, producer), maggie.id, {
      name: "Maggie Voss",
    });
    assert.equal(same.version, renamed.version);
    assert.equal(await latestEventId(kv), head2);
    const cased = await renameElement(as(kv, producer), maggie.id, {
      name: "MAGGIE VOSS",
    });
    assert.equal(cased.key, renamed.key);
    const latest = await getScript(as(kv, crew), script.id);
    assert.deepEqual(byNumber(latest, "3").breakdown.cast, ["MAGGIE VOSS"]);
  }));

Deno.test("elements - rename refusals: another element's name is a 409 suggesting a merge, a stale version a 409, crew a 403", () =>
  withKv(async (kv) => {
    await createScript(as(kv, director), { source: SHORT });
    const maggie = await elementOf(kv, "cast", "MAGGIE");
    await rejects(
      () => renameElement(as(kv, director), maggie.id, { name: "margit" }),
      409,
      "element_exists",
      /already has an element “MARGIT”: merge “MAGGIE” into it instead/,
    );
    await rejects(
      () => renameElement(as(kv, director), maggie.id, { name: "M" }, 7),
      409,
      "version_conflict",
    );
    await rejects(
      () => renameElement(as(kv, crew), maggie.id, { name: "M" }),
      403,
    );
    await rejects(
      () => renameElement(as(kv, director), "missing", { name: "M" }),
      404,
    );
    assert.equal((await elements.get(kv, maggie.id))?.name, "MAGGIE");
  }));

Deno.test("elements - merge rewrites and de-duplicates the tags, deletes the merged element and leads its id to the target", () =>
  withKv(async (kv) => {
    const { script, scenes } = await createScript(as(kv, director), {
      source: SHORT,
    });
    // Scene 1 has both spellings; scene 2 only the one merged away.
    await updateScene(as(kv, director), script.id, scenes[0].id, {
      add: { props: ["Umbrella", "Red umbrella"] },
    });
    await updateScene(as(kv, director), script.id, scenes[1].id, {
      add: { props: ["Red umbrella", "Rope"] },
    });
    const red = await elementOf(kv, "props", "Red umbrella");
    const plain = await elementOf(kv, "props", "Umbrella");
    const head = await latestEventId(kv);

    const merged = await mergeElement(as(kv, manager), red.id, {
      into: plain.id,
    });
    assert.deepEqual(merged.from, red);
    assert.equal(merged.into.id, plain.id);
    assert.equal(merged.into.version, plain.version + 1);
    const now = await getScript(as(kv, crew), script.id);
    assert.deepEqual(now.scenes[0].breakdown.props, ["Umbrella"]);
    assert.deepEqual(now.scenes[1].breakdown.props, ["Umbrella", "Rope"]);
    assert.equal(await elements.get(kv, red.id), null);
    assert.equal((await findByTag(kv, "props", "red umbrella"))?.id, plain.id);
    await assert.rejects(
      () => getElement(as(kv, crew), red.id),
      (e: unknown) => e instanceof ElementMergedError && e.into === plain.id,
    );
    const events = await scriptEvents(kv, head);
    assert.deepEqual(events.map((e) => e.data.action), [
      "element_merged",
      "scene_updated",
      "scene_updated",
    ]);
    const history = await readHistory(kv, elements.name, plain.id, {});
    assert.equal(history.entries[0].action, "merged");
    const detail = await getElement(as(kv, crew), plain.id);
    assert.deepEqual(detail.scenes.map((s) => s.number), ["1", "2"]);
    assert.deepEqual(detail.aliases, ["red umbrella"]);

    // A chain of merges still leads the first id to the last element.
    const rope = await elementOf(kv, "props", "Rope");
    await mergeElement(as(kv, director), plain.id, { into: rope.id });
    await assert.rejects(
      () => getElement(as(kv, crew), red.id),
      (e: unknown) => e instanceof ElementMergedError && e.into === rope.id,
    );
    const final = await getScript(as(kv, crew), script.id);
    assert.deepEqual(final.scenes[1].breakdown.props, ["Rope"]);

    // Refusals: another category, itself, a non-writer.
    const bram = await elementOf(kv, "cast", "BRAM");
    await rejects(
      () => mergeElement(as(kv, director), rope.id, { into: bram.id }),
      400,
      "validation",
      /merge it into an element of the same category/,
    );
    await rejects(
      () => mergeElement(as(kv, director), rope.id, { into: rope.id }),
      400,
    );
    await rejects(
      () => mergeElement(as(kv, vfx), rope.id, { into: bram.id }),
      403,
    );
  }));

Deno.test("elements - a merged character stays merged in the next draft", () =>
  withKv(async (kv) => {
    const { script } = await createScript(as(kv, director), { source: SHORT });
    const maggie = await elementOf(kv, "cast", "MAGGIE");
    const margit = await elementOf(kv, "cast", "MARGIT");
    await mergeElement(as(kv, director), maggie.id, { into: margit.id });
    const next = await importDraft(as(kv, director), script.id, {
      source: `${SHORT}\nEXT. PIER - DAY #3#\n\nMAGGIE\nHello.\n`,
    });
    assert.deepEqual(byNumber(next, "3").breakdown.cast, ["MARGIT"]);
    assert.deepEqual(byNumber(next, "1").breakdown.cast, ["BRAM", "MARGIT"]);
    const cast = (await elements.list(kv)).filter((e) => e.category === "cast");
    assert.deepEqual(cast.map((e) => e.name).sort(), ["BRAM", "MARGIT"]);
  }));

Deno.test("elements - the list and the element page: scene counts, eighths, sort, who may read", () =>
  withKv(async (kv) => {
    const { script, scenes } = await createScript(as(kv, director), {
      source: SAMPLE_SCREENPLAY,
    });
    await updateScene(as(kv, director), script.id, scenes[4].id, {
      status: "omitted",
    });
    const list = await listElementSummaries(as(kv, crew));
    assert.deepEqual(
      [...new Set(list.map((e) => e.category))],
      ["cast", "locations"],
    );
    const cast = list.filter((e) => e.category === "cast");
    assert.deepEqual(cast.map((e) => e.castNumber), cast.map((_, i) => i + 1));
    const margit = list.find((e) => e.name === "MARGIT")!;
    const hers = scenes.filter((s) => s.breakdown.cast.includes("MARGIT"));
    assert.equal(margit.scenes, hers.length);
    assert.equal(margit.eighths, hers.reduce((n, s) => n + s.eighths, 0));
    // Bram speaks in 3 and 5; 5 is omitted, so it is not counted …
    const bram = list.find((e) => e.name === "BRAM")!;
    assert.equal(bram.scenes, 1);
    // … but the element page lists it, with its status.
    const detail = await getElement(as(kv, vfx), bram.id);
    assert.deepEqual(
      detail.scenes.map((s) => [s.number, s.status, s.scriptTitle]),
      [["3", "draft", "Salt Light"], ["5", "omitted", "Salt Light"]],
    );
    assert.equal(detail.scenes[0].key, scenes[2].key);
    assert.deepEqual(
      (await listElementSummaries(as(kv, crew), { category: "locations" }))
        .map((e) => e.category),
      Array(list.length - cast.length).fill("locations"),
    );
    await rejects(() => listElementSummaries(as(kv, distribution)), 403);
    await rejects(() => getElement(as(kv, distribution), bram.id), 403);
    await rejects(() => getElement(as(kv, distribution), "missing"), 403);
    await rejects(() => getElement(as(kv, crew), "missing"), 404);
  }));
