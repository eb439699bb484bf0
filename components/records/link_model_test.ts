import assert from "node:assert/strict";
import { ApiFailure } from "@/components/api.ts";
import { fakeWorld } from "@/components/fake_world.ts";
import type { LinkEntry, RecordLinks } from "@/lib/links/shared.ts";
import type { RecordCard, RecordRef } from "@/lib/records/shared.ts";
import { LinkModel, SEARCH_DELAY_MS } from "./link_model.ts";

const TASK: RecordRef = { type: "task", id: "t1" };

function card(type: RecordCard["ref"]["type"], id: string): RecordCard {
  return { ref: { type, id }, title: `${type} ${id}`, detail: "", href: "/" };
}

function entry(
  id: string,
  direction: "out" | "in",
  other: RecordCard,
  removable = true,
): LinkEntry {
  return {
    id,
    direction,
    other,
    createdAt: "2027-01-01T00:00:00.000Z",
    createdByName: "Pat",
    fixed: false,
    removable,
  };
}

function links(list: LinkEntry[], targets = ["scene", "shot"]): RecordLinks {
  return {
    record: card("task", "t1"),
    links: list,
    targets: targets as RecordLinks["targets"],
  };
}

/** Lets pending promises settle (a reload after an event). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function panel(initial: RecordLinks | null = links([])) {
  const world = fakeWorld();
  const model = new LinkModel(world, { record: TASK, initial });
  return { world, model };
}

Deno.test("link panel model - links grouped both ways; nothing to load when the page drew them", () => {
  const { world, model } = panel(links([
    entry("l1", "out", card("scene", "k1")),
    entry("l2", "in", card("budget_category", "c1")),
    entry("l3", "out", card("shot", "s1")),
  ]));
  assert.deepEqual(model.outgoing.value.map((l) => l.id), ["l1", "l3"]);
  assert.deepEqual(model.incoming.value.map((l) => l.id), ["l2"]);
  assert.equal(world.sent.length, 0);
});

Deno.test("link panel model - without initial links it loads them, loading meanwhile; a failure says so", async () => {
  const world = fakeWorld();
  let settle!: (value: RecordLinks) => void;
  world.answers.push(new Promise((resolve) => settle = resolve));
  const model = new LinkModel(world, { record: TASK, initial: null });
  assert.equal(model.loading.value, true);
  assert.equal(world.sent[0].url, "/api/links?record=task%3At1");
  settle(links([entry("l1", "out", card("scene", "k1"))]));
  await settled();
  assert.equal(model.loading.value, false);
  assert.equal(model.links.value.length, 1);

  world.answers.push(new ApiFailure(0));
  await model.reload();
  assert.equal(
    model.loadFailed.value,
    "Could not load the links: the server could not be reached.",
  );
});

Deno.test("link panel model - a link_update naming this record at either end reloads; others and resyncs", async () => {
  const { world, model } = panel();
  const other = card("task", "t9");
  world.emit("link_update", {
    action: "created",
    link: { id: "x", from: other, to: card("scene", "k1") },
  });
  assert.equal(world.sent.length, 0, "not about this record");
  world.answers.push(links([entry("l1", "in", card("shot", "s1"))]));
  world.emit("link_update", {
    action: "created",
    link: { id: "l1", from: card("shot", "s1"), to: card("task", "t1") },
  });
  await settled();
  assert.equal(world.sent.length, 1);
  assert.deepEqual(model.incoming.value.map((l) => l.id), ["l1"]);
  world.answers.push(links([]));
  world.resync();
  await settled();
  assert.equal(world.sent.length, 2);
  assert.equal(model.links.value.length, 0);
});

Deno.test("link panel model - add: the first kind, a search as typing pauses, pick → POST and reload", async () => {
  const { world, model } = panel();
  const found = {
    records: [card("scene", "k1"), card("scene", "k2")],
    more: false,
  };
  world.answers.push(found);
  model.startAdding();
  assert.equal(model.open.value, true);
  assert.equal(model.kind.value, "scene");
  assert.equal(world.sent[0].url, "/api/records?type=scene&q=");
  await settled();
  assert.deepEqual(model.results.value, found);

  model.type("1");
  model.type("12");
  assert.equal(model.searching.value, true);
  world.answers.push({ records: [card("scene", "k12")], more: false });
  world.clock.tick(SEARCH_DELAY_MS);
  await settled();
  // One search for the pause, with the last text.
  assert.deepEqual(world.sent.slice(1).map((c) => c.url), [
    "/api/records?type=scene&q=12",
  ]);
  assert.equal(model.searching.value, false);

  model.chooseKind("shot");
  assert.equal(world.sent.at(-1)!.url, "/api/records?type=shot&q=12");
  await settled();

  world.answers.push({ id: "l9" });
  world.answers.push(links([entry("l9", "out", card("scene", "k12"))]));
  assert.equal(await model.add(card("scene", "k12")), true);
  const post = world.sent.find((c) => c.method === "POST")!;
  assert.deepEqual(post, {
    method: "POST",
    url: "/api/links",
    body: { from: "task:t1", to: "scene:k12" },
    options: undefined,
  });
  assert.equal(model.open.value, false);
  assert.deepEqual(model.message.value, {
    ok: true,
    text: "Linked to scene k12.",
  });
  assert.deepEqual(model.outgoing.value.map((l) => l.id), ["l9"]);
});

Deno.test("link panel model - refusals: a duplicate (409), a role (403), a linked record offered again", async () => {
  const { world, model } = panel(links([
    entry("l1", "out", card("scene", "k1")),
  ]));
  assert.equal(await model.add(card("scene", "k1")), false);
  assert.equal(model.message.value?.text, "Already linked to scene k1.");
  assert.equal(world.sent.length, 0, "refused before asking");

  world.answers.push(new ApiFailure(409, { code: "conflict", message: "x" }));
  await model.add(card("scene", "k2"));
  assert.deepEqual(model.message.value, {
    ok: false,
    text: "Already linked to scene k2.",
  });
  world.answers.push(
    new ApiFailure(403, {
      code: "forbidden",
      message: "Your role cannot link this task",
    }),
  );
  await model.add(card("scene", "k3"));
  assert.equal(model.message.value?.text, "Your role cannot link this task.");
  assert.equal(model.busy.value, null);
});

Deno.test("link panel model - no targets: the add control stays shut", () => {
  const { world, model } = panel(links([], []));
  model.startAdding();
  assert.equal(model.open.value, false);
  assert.equal(world.sent.length, 0);
});

Deno.test("link panel model - remove asks, deletes and drops the row; a link gone meanwhile reloads", async () => {
  const { world, model } = panel(links([
    entry("l1", "out", card("scene", "k1")),
    entry("l2", "in", card("shot", "s1"), false),
  ]));
  world.confirms = false;
  assert.equal(await model.remove(model.links.value[0]), false);
  assert.deepEqual(world.asked, ["Remove the link to scene k1?"]);
  assert.equal(world.sent.length, 0);
  // Not removable: nothing asked, nothing sent.
  assert.equal(await model.remove(model.links.value[1]), false);
  assert.equal(world.asked.length, 1);

  world.confirms = true;
  world.answers.push(null);
  assert.equal(await model.remove(model.links.value[0]), true);
  assert.deepEqual(world.sent[0], {
    method: "DELETE",
    url: "/api/links/l1",
    body: undefined,
    options: undefined,
  });
  assert.deepEqual(model.links.value.map((l) => l.id), ["l2"]);

  const gone = entry("l3", "out", card("shot", "s2"));
  world.answers.push(new ApiFailure(404, { code: "not_found", message: "" }));
  world.answers.push(links([]));
  assert.equal(await model.remove(gone), false);
  assert.equal(model.message.value?.text, "That link was removed meanwhile.");
  assert.equal(world.sent.at(-1)!.method, "GET");
});

Deno.test("link panel model - closing the control forgets the search and ignores a late answer", async () => {
  const { world, model } = panel();
  let settle!: (value: unknown) => void;
  world.answers.push(new Promise((resolve) => settle = resolve));
  model.startAdding();
  model.stopAdding();
  settle({ records: [card("scene", "k1")], more: false });
  await settled();
  assert.equal(model.results.value, null);
  assert.equal(model.searching.value, false);
  assert.equal(model.open.value, false);
  // Disposing the model ends its subscriptions.
  assert.ok(world.listeners() > 0);
  model[Symbol.dispose]();
  assert.equal(world.listeners(), 0);
});
