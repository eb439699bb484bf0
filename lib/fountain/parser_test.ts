import assert from "node:assert/strict";
import { type Element, parseFountain, type Scene } from "./mod.ts";

const load = (name: string) =>
  Deno.readTextFile(new URL(`./testdata/${name}`, import.meta.url));

const parse = async (name: string) => parseFountain(await load(name));

const byLocation = (scenes: Scene[], location: string) => {
  const scene = scenes.find((s) => s.location === location);
  assert.ok(scene, `no scene at ${location}`);
  return scene;
};

Deno.test("title page: key: value block at the start, keys lower-cased", async () => {
  const script = await parse("title_page.fountain");
  assert.equal(script.titlePage["credit"], "Written by");
  assert.equal(script.titlePage["author"], "Ines Larsen");
  assert.equal(script.titlePage["draft date"], "2 February 2025");
  assert.equal(script.scenes.length, 1);
  assert.equal(script.scenes[0].heading, "INT. LIGHTHOUSE - NIGHT");
});

Deno.test("title page: indented continuation lines (spaces or a tab) join with newlines", async () => {
  const script = await parse("title_page.fountain");
  assert.equal(script.titlePage["title"], "_**THE KEEPER**_\na short film");
  assert.equal(script.title, "_**THE KEEPER**_ a short film");
  assert.equal(
    script.titlePage["contact"],
    "North Point Films\nkeeper@example.com",
  );
});

Deno.test("title page: absent → title null; a lone 'FADE IN:' is not one", async () => {
  const script = await parseFountain("FADE IN:\n\nEXT. PIER - DAY\n\nGulls.\n");
  assert.equal(script.title, null);
  assert.deepEqual(script.titlePage, {});
  assert.equal(script.scenes.length, 1);
});

Deno.test("title page: keys are own data properties, never the prototype", async () => {
  const script = await parseFountain(
    "Title: X\nConstructor: y\n\nINT. A - DAY\n",
  );
  assert.equal(Object.getPrototypeOf(script.titlePage), Object.prototype);
  assert.ok(Object.hasOwn(script.titlePage, "constructor"));
  assert.equal(script.titlePage["constructor"], "y");
  // A key must start with a letter, so this block is not a title page.
  const odd = await parseFountain("__proto__: y\n\nINT. A - DAY\n");
  assert.deepEqual(odd.titlePage, {});
  assert.equal(Object.getPrototypeOf(odd.titlePage), Object.prototype);
});

Deno.test("scene headings: INT, EXT, EST, INT./EXT, INT/EXT, I/E set the setting", async () => {
  const { scenes } = await parse("scene_headings.fountain");
  const settings = scenes.map((s) => [s.location, s.setting]);
  assert.deepEqual(settings, [
    ["LIGHTHOUSE", "INT"],
    ["CLIFF PATH", "EXT"],
    ["NORTH POINT", "EST"],
    ["SUPPLY BOAT - MOVING", "INT/EXT"],
    ["VAN", "INT/EXT"],
    ["CAR", "INT/EXT"],
    ["lamp room", "INT"],
    ["HARBOUR", "EXT"],
    ["LIGHTHOUSE - LAMP ROOM", "INT"],
    ["ROCKS", "EXT"],
    ["UNDERWATER", null],
  ]);
});

Deno.test("scene headings: prefixes are case-insensitive and need '.' or a space after", async () => {
  const { scenes } = await parse("scene_headings.fountain");
  assert.equal(
    byLocation(scenes, "lamp room").heading,
    "int. lamp room - night",
  );
  assert.equal(byLocation(scenes, "HARBOUR").heading, "EXT.HARBOUR - NIGHT");
  const last = scenes[scenes.length - 1].elements;
  assert.ok(actionTexts(last).includes("INTERIOR DECORATING IS NOT A PREFIX."));
});

Deno.test("scene headings: location and time of day split on the last ' - '", async () => {
  const { scenes } = await parse("scene_headings.fountain");
  const lamp = byLocation(scenes, "LIGHTHOUSE - LAMP ROOM");
  assert.equal(lamp.timeOfDay, "NIGHT");
  assert.equal(byLocation(scenes, "SUPPLY BOAT - MOVING").timeOfDay, "NIGHT");
  assert.equal(byLocation(scenes, "ROCKS").timeOfDay, null);
  assert.equal(byLocation(scenes, "CAR").timeOfDay, "DAY");
});

Deno.test("scene headings: #1# and #12A# scene numbers are split off the heading", async () => {
  const { scenes } = await parse("scene_headings.fountain");
  const cliff = byLocation(scenes, "CLIFF PATH");
  assert.equal(cliff.number, "2");
  assert.equal(cliff.heading, "EXT. CLIFF PATH - DAY");
  assert.equal(byLocation(scenes, "NORTH POINT").number, "12A");
  assert.equal(byLocation(scenes, "LIGHTHOUSE").number, null);
  assert.deepEqual(scenes.map((s) => s.index), [...scenes.keys()]);
});

Deno.test("scene headings: forced with a leading '.', but '..' is action", async () => {
  const { scenes } = await parse("scene_headings.fountain");
  const forced = byLocation(scenes, "UNDERWATER");
  assert.equal(forced.heading, "UNDERWATER");
  assert.ok(
    actionTexts(forced.elements).includes(
      "..and this line starts with two dots, so it is action.",
    ),
  );
});

Deno.test("scene headings: need a blank line before and after, else action (+ warning)", async () => {
  const script = await parse("scene_headings.fountain");
  assert.ok(!script.scenes.some((s) => s.location === "JETTY"));
  assert.ok(!script.scenes.some((s) => s.location === "KITCHEN"));
  const texts = actionTexts(script.scenes[script.scenes.length - 1].elements);
  assert.ok(texts.includes(
    "EXT. JETTY - DAY\nThis heading has no blank line after it, so both lines are action.",
  ));
  assert.ok(texts.includes("A line of action.\nINT. KITCHEN - DAY"));
  assert.deepEqual(script.warnings, [
    "Line 53 looks like a scene heading but has no blank line after it: treated as action",
  ]);
});

Deno.test("scene headings: text before the first heading belongs to no scene", async () => {
  const { scenes } = await parse("scene_headings.fountain");
  assert.equal(scenes[0].heading, "INT. LIGHTHOUSE - NIGHT");
  assert.deepEqual(scenes[0].elements, [
    { type: "action", text: "The lamp turns." },
  ]);
  assert.equal((await parseFountain("No scenes here.\n")).scenes.length, 0);
  assert.equal((await parseFountain("")).scenes.length, 0);
});

Deno.test("characters: ALL-CAPS cue after a blank line, with dialogue below", async () => {
  const { scenes } = await parse("characters.fountain");
  assert.deepEqual(scenes[0].elements.slice(0, 2), [
    { type: "character", name: "MARGIT", extension: null, dual: false },
    { type: "dialogue", text: "The kettle's on." },
  ]);
});

Deno.test("characters: extensions (O.S.), (V.O.), (CONT'D) are kept separately", async () => {
  const cues = cuesOf((await parse("characters.fountain")).scenes[0].elements);
  assert.deepEqual(cues.slice(1, 4), [
    ["BRAM", "(O.S.)"],
    ["MARGIT", "(CONT'D)"],
    ["RADIO", "(V.O.)"],
  ]);
});

Deno.test("characters: parentheticals inside dialogue; dialogue lines join", async () => {
  const { elements } = (await parse("characters.fountain")).scenes[0];
  const bram = elements.findIndex((e) =>
    e.type === "character" && e.name === "BRAM"
  );
  assert.deepEqual(elements.slice(bram + 1, bram + 5), [
    { type: "parenthetical", text: "(shouting)" },
    { type: "dialogue", text: "Is that tea?" },
    { type: "parenthetical", text: "(beat)" },
    { type: "dialogue", text: "Or more of that\nbrown stuff?" },
  ]);
});

Deno.test("characters: forced with '@' allows lower case; letters are required", async () => {
  const { elements } = (await parse("characters.fountain")).scenes[0];
  const names = cuesOf(elements).map(([name]) => name);
  assert.ok(names.includes("McBRIDE"));
  assert.ok(names.includes("R2D2"));
  assert.ok(!names.includes("23"));
  assert.ok(!names.includes("margit"));
  const texts = actionTexts(elements);
  assert.ok(texts.includes("23\nA number alone is not a cue."));
  assert.ok(texts.includes("margit\nLower-case names need an at sign."));
});

Deno.test("characters: dual dialogue '^' on the second cue marks both cues", async () => {
  const cues = (await parse("characters.fountain")).scenes[0].elements.filter(
    (e) => e.type === "character",
  );
  const dual = cues.filter((c) => c.dual).map((c) => c.name);
  assert.deepEqual(dual, ["ELLA", "MARGIT"]);
});

Deno.test("characters: a cue needs a blank line before and a line after", async () => {
  const { elements } = (await parse("characters.fountain")).scenes[0];
  const texts = actionTexts(elements);
  assert.ok(texts.includes("HE SHOUTS AT THE SEA."));
  assert.ok(texts.includes(
    "A line of action.\nBRAM\nA cue needs a blank line before it, so this stays action.",
  ));
});

Deno.test("transitions: ALL-CAPS line ending in TO: with blank lines around", async () => {
  const { scenes } = await parse("transitions.fountain");
  assert.deepEqual(scenes[0].elements[1], {
    type: "transition",
    text: "CUT TO:",
  });
  const texts = actionTexts(scenes[1].elements);
  assert.ok(texts.includes("cut to:"));
  assert.ok(
    texts.includes("MATCH CUT TO:\nNo blank line after, so this is action."),
  );
});

Deno.test("transitions: forced with '>'; '>text<' is centred action", async () => {
  const { elements } = (await parse("transitions.fountain")).scenes[1];
  assert.deepEqual(elements[0], { type: "transition", text: "SMASH CUT" });
  assert.deepEqual(elements[2], {
    type: "action",
    text: "THE END",
    centered: true,
  });
});

function actionTexts(elements: Element[]): string[] {
  return elements.flatMap((e) => e.type === "action" ? [e.text] : []);
}

function cuesOf(elements: Element[]): [string, string | null][] {
  return elements.flatMap((e) =>
    e.type === "character"
      ? [[e.name, e.extension] as [string, string | null]]
      : []
  );
}
