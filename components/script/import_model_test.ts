import assert from "node:assert/strict";
import { ApiFailure } from "@/components/api.ts";
import type { EventFrame } from "@/realtime/protocol.ts";
import type { Script } from "@/lib/script/shared.ts";
import { importedText, type ImportInit, ImportModel } from "./import_model.ts";
import { fakeWorld } from "@/components/fake_world.ts";
import { scriptOf } from "./testing.ts";

const LATER = "2030-01-02T00:00:00.000Z";

function library(extra: Partial<ImportInit> = {}) {
  const world = fakeWorld();
  const init: ImportInit = {
    initial: [scriptOf()],
    posted: null,
    ...extra,
  };
  return { world, model: new ImportModel(world, init) };
}

function detail(script: Script, number = 1, warnings: string[] = []) {
  return { script, version: { number, sceneCount: 3, warnings } };
}

function imported(script: Script) {
  return {
    action: "imported",
    script,
    version: { number: script.currentVersion },
  } as unknown as EventFrame<"script_update">["data"];
}

/** Lets every pending promise (a reload after a resync) finish. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("import model: a pasted script is imported, listed first, flashed and announced", async () => {
  const { world, model } = library();
  const made = scriptOf({ id: "s2", title: "Salt Light", updatedAt: LATER });
  world.answers.push(detail(made));
  const ok = await model.submit("create", {
    source: "INT. KITCHEN - DAY",
    title: "  Salt Light ",
  });
  assert.equal(ok, true);
  assert.deepEqual(world.sent, [{
    method: "POST",
    url: "/api/scripts",
    body: { title: "Salt Light", source: "INT. KITCHEN - DAY" },
    options: undefined,
  }]);
  assert.deepEqual(model.scripts.value.map((s) => s.id), ["s2", "s1"]);
  assert.ok(model.flashing.value.has("s2"));
  world.clock.tick(1_500);
  assert.equal(model.flashing.value.size, 0);
  assert.deepEqual(model.outcome.value.create, {
    ok: true,
    text: "Imported “Salt Light”: 3 scenes.",
    href: "/script/s2",
  });
  assert.equal(model.busy.value, null);
});

Deno.test("import model: an empty title is left out; a new draft goes to the chosen script", async () => {
  const { world, model } = library();
  world.answers.push(detail(scriptOf()));
  await model.submit("create", { source: "INT. A - DAY", title: " " });
  assert.deepEqual(world.sent[0].body, { source: "INT. A - DAY" });
  world.answers.push(detail(scriptOf({ currentVersion: 2 }), 2, ["w1", "w2"]));
  await model.submit("draft", { source: "INT. A - DAY", scriptId: "s 1" });
  assert.equal(world.sent[1].url, "/api/scripts/s%201/versions");
  assert.equal(
    model.outcome.value.draft?.text,
    "Draft 2 of “Harbour Lights” imported: 3 scenes. 2 parser warnings: see the script view.",
  );
});

Deno.test("import model: a chosen file wins over the text; one over 2 MiB is refused unsent", async () => {
  const { world, model } = library({
    draftFor: { id: "s1", title: "Harbour Lights" },
  });
  world.answers.push(detail(scriptOf({ currentVersion: 2 }), 2));
  const file = new File(["INT. QUAY - NIGHT"], "harbour.fountain");
  await model.submit("draft", { file, source: "ignored", scriptId: "other" });
  assert.deepEqual(world.sent[0], {
    method: "POST",
    url: "/api/scripts/s1/versions",
    body: { source: "INT. QUAY - NIGHT" },
    options: undefined,
  });
  const big = { name: "big.fountain", size: 3 * 1024 * 1024, text: () => "" };
  const ok = await model.submit("draft", {
    file: big as unknown as File,
    source: "",
  });
  assert.equal(ok, false);
  assert.equal(world.sent.length, 1);
  assert.deepEqual(model.outcome.value.draft, {
    ok: false,
    text: "big.fountain is larger than 2 MiB",
    errors: {},
  });
});

Deno.test("import model: empty text is a field error before sending; the server's refusals are shown", async () => {
  const { world, model } = library();
  assert.equal(await model.submit("create", { source: "  " }), false);
  assert.equal(world.sent.length, 0);
  assert.deepEqual(model.outcome.value.create?.errors, {
    source: "Choose a file or paste the Fountain text",
  });
  world.answers.push(
    new ApiFailure(400, {
      code: "validation",
      message: "The request is invalid",
      details: [{ path: ["source"], message: "No scene headings found" }],
    }),
  );
  await model.submit("create", { source: "Just a note." });
  assert.deepEqual(model.outcome.value.create, {
    ok: false,
    text: "No scene headings found",
    errors: { source: "No scene headings found" },
  });
  world.answers.push(new ApiFailure(413));
  await model.submit("create", { source: "INT. A - DAY" });
  assert.equal(
    model.outcome.value.create?.text,
    "The script could not be imported: the script is too large (at most 2 MiB).",
  );
  world.answers.push(new ApiFailure(0));
  await model.submit("create", { source: "INT. A - DAY" });
  assert.equal(
    model.outcome.value.create?.text,
    "The script could not be imported: the server could not be reached.",
  );
  // The other form keeps its own outcome.
  assert.equal(model.outcome.value.draft, null);
});

Deno.test("import model: one import at a time", async () => {
  const { world, model } = library();
  const answer = Promise.withResolvers<unknown>();
  world.answers.push(answer.promise);
  const first = model.submit("create", { source: "INT. A - DAY" });
  assert.equal(model.busy.value, "create");
  assert.equal(await model.submit("draft", { source: "INT. B" }), false);
  assert.equal(world.sent.length, 1);
  answer.resolve(detail(scriptOf()));
  assert.equal(await first, true);
  assert.equal(model.busy.value, null);
});

Deno.test("import model: imports by others appear live; a resync reloads the list", async () => {
  const { world, model } = library();
  const theirs = scriptOf({ id: "s3", title: "Tide", updatedAt: LATER });
  world.emit("script_update", imported(theirs));
  world.emit("script_update", {
    action: "scene_updated",
    scene: {} as never,
  });
  assert.deepEqual(model.scripts.value.map((s) => s.id), ["s3", "s1"]);
  assert.ok(model.flashing.value.has("s3"));
  world.answers.push([theirs]);
  world.resync();
  await settled();
  assert.equal(world.sent[0].url, "/api/scripts");
  assert.deepEqual(model.scripts.value, [theirs]);
  model[Symbol.dispose]();
  assert.equal(world.listeners(), 0);
  assert.equal(world.clock.pending, 0);
});

Deno.test("import model: the draft page of one script has no live list", () => {
  const { world } = library({
    draftFor: { id: "s1", title: "Harbour Lights" },
  });
  assert.equal(world.listeners(), 0);
});

Deno.test("import model: a refused post shows on its own form", () => {
  const { model } = library({
    posted: {
      intent: "draft",
      title: "",
      source: "x",
      scriptId: "s1",
      message: "No scene headings found",
      errors: { source: "No scene headings found" },
    },
  });
  assert.equal(model.outcome.value.create, null);
  assert.deepEqual(model.outcome.value.draft, {
    ok: false,
    text: "No scene headings found",
    errors: { source: "No scene headings found" },
  });
  assert.equal(
    importedText("create", detail(scriptOf(), 1, ["w"])),
    "Imported “Harbour Lights”: 3 scenes. 1 parser warning: see the script view.",
  );
});

Deno.test("import model: a new draft's note says how many records it flagged", () => {
  const body = {
    script: { title: "Salt Light" } as Script,
    version: { number: 3, sceneCount: 12, warnings: [] },
  };
  assert.equal(
    importedText("draft", { ...body, ripple: { flags: 2 } }),
    "Draft 3 of “Salt Light” imported: 12 scenes. 2 records built on changed scenes are flagged for review.",
  );
  assert.equal(
    importedText("draft", { ...body, ripple: { flags: 0 } }),
    "Draft 3 of “Salt Light” imported: 12 scenes.",
  );
});
