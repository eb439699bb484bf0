import assert from "node:assert/strict";
import { createScript, getScript, updateScene } from "@/lib/script/service.ts";
import { as, director, producer } from "@/lib/script/testing.ts";
import { COMMIT_LIMITS } from "@/lib/store/kv.ts";
import { withKv } from "@/lib/store/testing.ts";
import { type CommitStats, observeCommits } from "@/lib/store/transaction.ts";
import { ELEMENTS_PER_COMMIT } from "./ensure.ts";
import { SCENES_PER_COMMIT } from "./rewrite.ts";
import { mergeElement, renameElement } from "./service.ts";
import { elements, findByTag } from "./store.ts";

const SCENES = 30;

/** A name of letters only (character cues have no digits): A, B, … AD. */
function letters(n: number): string {
  const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return n < 26 ? a[n] : a[Math.floor(n / 26) - 1] + a[n % 26];
}

/** Scenes each with a character and a set of their own. */
const SOURCE = Array.from(
  { length: SCENES },
  (_, i) =>
    `INT. ROOM ${letters(i)} - DAY #${i + 1}#\n\nSAILOR ${
      letters(i)
    }\nAye.\n\n`,
).join("");

/** Runs `fn`, returning the size of every commit it made on `kv`. */
async function commitsOf(kv: Deno.Kv, fn: () => Promise<unknown>) {
  const sizes: CommitStats[] = [];
  const stop = observeCommits(kv, (_events, stats) => sizes.push(stats));
  try {
    await fn();
  } finally {
    stop();
  }
  return sizes;
}

Deno.test("elements - every commit stays within KV's limits: 60 new elements at an import, a rename and a merge over 30 scenes", () =>
  withKv(async (kv) => {
    assert.ok(ELEMENTS_PER_COMMIT + 1 <= COMMIT_LIMITS.checks);
    assert.ok(SCENES_PER_COMMIT + 3 <= COMMIT_LIMITS.checks);
    // The store refuses a commit over the limits (limitKv), so every
    // element existing afterwards means every commit went in.
    const { script, scenes } = await createScript(as(kv, director), {
      title: "Crowd",
      source: SOURCE,
    });
    assert.equal(scenes.length, SCENES);
    assert.equal((await elements.list(kv)).length, 2 * SCENES);
    const cast = (await elements.list(kv)).filter((e) => e.category === "cast");
    assert.deepEqual(
      cast.map((e) => e.castNumber).sort((a, b) => a! - b!),
      cast.map((_, i) => i + 1),
    );

    for (const scene of scenes) {
      await updateScene(as(kv, director), script.id, scene.id, {
        add: { props: ["Lantern", `Lamp ${scene.index}`] },
      });
    }
    const lantern = await findByTag(kv, "props", "Lantern");
    assert.ok(lantern);
    const renames = await commitsOf(kv, async () => {
      await renameElement(as(kv, producer), lantern.id, {
        name: "Storm lantern",
      });
    });
    // The element's commit, then the scenes in batches.
    assert.equal(renames.length, 1 + Math.ceil(SCENES / SCENES_PER_COMMIT));
    const lamp = await findByTag(kv, "props", "Lamp 0");
    assert.ok(lamp);
    const merges = await commitsOf(kv, async () => {
      for (let i = 1; i < 4; i++) {
        const other = await findByTag(kv, "props", `Lamp ${i}`);
        await mergeElement(as(kv, producer), other!.id, { into: lamp.id });
      }
    });
    for (const size of [...renames, ...merges]) {
      assert.ok(size.checks <= COMMIT_LIMITS.checks, JSON.stringify(size));
      assert.ok(size.mutations <= COMMIT_LIMITS.mutations);
    }
    const after = await getScript(as(kv, director), script.id);
    for (const scene of after.scenes) {
      assert.equal(scene.breakdown.props[0], "Storm lantern");
      assert.equal(
        scene.breakdown.props[1],
        scene.index < 4 ? "Lamp 0" : `Lamp ${scene.index}`,
      );
    }
  }));
