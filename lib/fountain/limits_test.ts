import assert from "node:assert/strict";
import { DEFAULT_MAX_BYTES, FountainError, parseFountain } from "./mod.ts";
import { utf8Length } from "./guard.ts";
import { generateScript } from "./testing.ts";
import { MAX_WARNINGS } from "./warnings.ts";

const MiB = 1024 * 1024;

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof FountainError);
    assert.equal(err.code, code);
    return true;
  });
}

Deno.test("maxBytes: default is 2 MiB; one byte more is too_large", async () => {
  assert.equal(DEFAULT_MAX_BYTES, 2 * MiB);
  const exact = "INT. A - DAY\n\n" + "x".repeat(2 * MiB - 14);
  assert.equal(utf8Length(exact), 2 * MiB);
  assert.equal((await parseFountain(exact)).scenes.length, 1);
  await rejectsWith(parseFountain(exact + "x"), "too_large");
});

Deno.test("maxBytes: counts UTF-8 bytes, not characters", async () => {
  const text = "é".repeat(600); // 600 characters, 1,200 bytes
  await rejectsWith(parseFountain(text, { maxBytes: 1000 }), "too_large");
  await parseFountain(text, { maxBytes: 1200 });
  assert.equal(utf8Length("aé€😀"), 1 + 2 + 3 + 4);
});

Deno.test("maxBytes: too_large is decided before anything else is looked at", async () => {
  // Binary and huge: the size check must win, and fast.
  const huge = "\0".repeat(50 * MiB);
  const start = performance.now();
  await rejectsWith(parseFountain(huge), "too_large");
  assert.ok(performance.now() - start < 1000);
});

Deno.test("maxBytes: must be a finite number ≥ 0", async () => {
  await assert.rejects(parseFountain("x", { maxBytes: NaN }), RangeError);
  await assert.rejects(parseFountain("x", { maxBytes: -1 }), RangeError);
});

Deno.test("binary: any NUL byte is rejected", async () => {
  await rejectsWith(parseFountain("INT. A - DAY\n\nGul\0ls.\n"), "binary");
});

Deno.test("binary: a high ratio of control characters in the first 8 KiB", async () => {
  const noisy = Array.from(
    { length: 4000 },
    (_, i) => String.fromCharCode(i % 3 === 0 ? 1 + (i % 8) : 65 + (i % 26)),
  ).join("");
  await rejectsWith(parseFountain(noisy), "binary");
  // Decoded garbage (U+FFFD everywhere) counts as well.
  await rejectsWith(
    parseFountain("\uFFFDPK\uFFFD\uFFFD".repeat(500)),
    "binary",
  );
});

Deno.test("binary: a few control characters (form feed, stray escapes) are fine", async () => {
  const text = "INT. A - DAY\n\nGulls.\f\x1b\n\n".repeat(50);
  assert.equal((await parseFountain(text)).scenes.length, 50);
});

Deno.test("10 MB of script with maxBytes 20 MiB parses in bounded time", async () => {
  const { text, scenes } = generateScript(10_000_000);
  const start = performance.now();
  const script = await parseFountain(text, { maxBytes: 20 * MiB });
  const ms = performance.now() - start;
  // Generous so it cannot flake; the real figure is in bench/fountain_bench.ts.
  assert.ok(ms < 10_000, `took ${ms} ms`);
  assert.equal(script.scenes.length, scenes);
  assert.equal(script.title, "Generated");
  assert.deepEqual(script.scenes[7].characters, ["KEEPER", "SKIPPER"]);
});

Deno.test("adversarial inputs stay linear (no catastrophic regexes)", async () => {
  const size = 4 * MiB;
  const inputs: Record<string, string> = {
    "one long line of spaces": "INT." + " ".repeat(size) + "x",
    "unclosed notes": "[[ ".repeat(size / 3),
    "note openers and closers": "[[a]]".repeat(size / 5),
    "boneyard openers": "/*\n*/ ".repeat(size / 6),
    "hashes": "INT. A #" + "#1".repeat(size / 2),
    "equals": "=".repeat(size) + "x",
    "colons": "Title" + "a".repeat(size) + "\n\nx",
    "cues": "\nA\n(".repeat(size / 4),
    "dashes": "INT. A" + " - ".repeat(size / 3),
  };
  for (const [name, text] of Object.entries(inputs)) {
    const start = performance.now();
    await parseFountain(text, { maxBytes: 20 * MiB });
    const ms = performance.now() - start;
    assert.ok(ms < 5_000, `${name}: ${ms} ms`);
  }
});

Deno.test("warnings are capped, with a count of the rest", async () => {
  const text = "\nINT. A - DAY\nGulls.\n".repeat(MAX_WARNINGS + 20);
  const { warnings } = await parseFountain(text);
  assert.equal(warnings.length, MAX_WARNINGS + 1);
  assert.equal(warnings[MAX_WARNINGS], "20 more warnings not shown");
});

Deno.test("maxScenes: more scene headings than the limit is too_many_scenes, with the count", async () => {
  const text = "INT. A - DAY\n\nGulls.\n\n".repeat(5);
  assert.equal((await parseFountain(text, { maxScenes: 5 })).scenes.length, 5);
  await assert.rejects(parseFountain(text, { maxScenes: 4 }), (err) => {
    assert.ok(err instanceof FountainError);
    assert.equal(err.code, "too_many_scenes");
    assert.equal(err.sceneCount, 5);
    return true;
  });
  await assert.rejects(parseFountain("x", { maxScenes: NaN }), RangeError);
  await assert.rejects(parseFountain("x", { maxScenes: -1 }), RangeError);
});

Deno.test("maxScenes: a script over the limit is refused before any scene is hashed", async () => {
  // Building and hashing 100,000 tiny scenes takes seconds; an import
  // that refuses them anyway should not pay for it.
  const subtle = crypto.subtle;
  const digest = subtle.digest;
  let digests = 0;
  subtle.digest = (...args: Parameters<SubtleCrypto["digest"]>) => {
    digests++;
    return digest.apply(subtle, args);
  };
  try {
    const text = "INT. A - DAY\n\n".repeat(100_000);
    await rejectsWith(
      parseFountain(text, { maxScenes: 1500 }),
      "too_many_scenes",
    );
    assert.equal(digests, 0);
    await parseFountain(text.slice(0, 14 * 1500), { maxScenes: 1500 });
    assert.equal(digests, 1500);
  } finally {
    subtle.digest = digest;
  }
});
