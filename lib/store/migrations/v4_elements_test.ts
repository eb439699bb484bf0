import assert from "node:assert/strict";
import { ELEMENT_CATEGORIES } from "@/lib/elements/shared.ts";
import { elements, findByTag } from "@/lib/elements/store.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { PRODUCTION_ID } from "@/lib/production/store.ts";
import {
  createScript,
  getScript,
  importDraft,
  listScripts,
  updateScene,
} from "@/lib/script/service.ts";
import { as, director } from "@/lib/script/testing.ts";
import { readHistory } from "@/lib/store/history.ts";
import { COMMIT_LIMITS, openKv } from "@/lib/store/kv.ts";
import {
  migrate,
  STORE_MIGRATIONS,
  STORE_VERSION_KEY,
} from "@/lib/store/migrations.ts";
import { productionKv } from "@/lib/store/production_kv.ts";
import { withKv } from "@/lib/store/testing.ts";
import { copyFixture, keyId, recordCommits, snapshot } from "./testing.ts";

const UP_TO_V3 = STORE_MIGRATIONS.slice(0, 3);

/** Every element tag of every current draft of a production. */
async function currentTags(view: Deno.Kv) {
  const out: { category: string; tag: string }[] = [];
  for (const script of await listScripts(as(view, director))) {
    for (
      const scene of (await getScript(as(view, director), script.id)).scenes
    ) {
      if (scene.change === "removed") continue;
      for (const category of ELEMENT_CATEGORIES) {
        for (const tag of scene.breakdown[category]) {
          out.push({ category, tag });
        }
      }
    }
  }
  return out;
}

/** The keys of what the script module stores, with their versions. */
async function scriptKeys(kv: Deno.Kv) {
  const all = await snapshot(kv);
  return [...all].filter(([id]) => /^\["script/.test(id))
    .map(([id, e]) => [id, e.versionstamp]);
}

/** Takes elements away, as a store written before version 4 had none. */
async function withoutElements(kv: Deno.Kv) {
  for (
    const prefix of [
      "elements",
      "elements_by_tag",
      "element_counters",
      "element_aliases",
    ]
  ) {
    for await (const { key } of kv.list({ prefix: [prefix] })) {
      await kv.delete(key);
    }
  }
  for await (const { key } of kv.list({ prefix: ["history"] })) {
    if (key[2] === "elements") await kv.delete(key);
  }
  await kv.set(STORE_VERSION_KEY, 3);
}

Deno.test("v4 elements - the pre-productions fixture: every tag of the current draft gets its element, no scene changes, commits within the limits", async () => {
  const copy = await copyFixture();
  const kv = await openKv(copy.path);
  try {
    assert.equal(await migrate(kv, UP_TO_V3), 3);
    const view = productionKv(kv, PRODUCTION_ID);
    const tags = await currentTags(view);
    assert.ok(tags.length > 20, `${tags.length} tags in the fixture`);
    assert.deepEqual(await elements.list(view), []);
    const scenesBefore = await scriptKeys(kv);

    const recorder = recordCommits(kv);
    assert.equal(await migrate(recorder.kv, STORE_MIGRATIONS), 4);
    for (const { category, tag } of tags) {
      const element = await findByTag(view, category, tag);
      assert.ok(element, `${category} “${tag}”`);
    }
    const all = await elements.list(view);
    const distinct = new Set(
      tags.map((t) => `${t.category}/${t.tag.toLowerCase()}`),
    );
    assert.equal(all.length, distinct.size, "one element per distinct tag");
    const cast = all.filter((e) => e.category === "cast")
      .map((e) => e.castNumber).sort((a, b) => a! - b!);
    assert.deepEqual(cast, cast.map((_, i) => i + 1));
    // Created in each element's history, by the draft's importer.
    const history = await readHistory(view, elements.name, all[0].id, {});
    assert.deepEqual(history.entries.map((e) => e.action), ["created"]);
    assert.equal(history.entries[0].actor.id, all[0].createdBy);
    // The scripts are as they were: every key, every version.
    assert.deepEqual(await scriptKeys(kv), scenesBefore);
    for (const commit of recorder.commits) {
      assert.ok(commit.checks <= COMMIT_LIMITS.checks, JSON.stringify(commit));
      assert.ok(commit.mutations <= COMMIT_LIMITS.mutations);
      assert.ok(commit.bytes <= COMMIT_LIMITS.bytes);
    }

    // A re-run (as if the version had not been stored) writes nothing.
    const before = await snapshot(kv);
    const again = recordCommits(kv);
    await STORE_MIGRATIONS[3].run(again.kv, {
      scratch: ["store_migration", "scratch", 4],
      commit: (op) => op.commit(),
    });
    assert.deepEqual(again.commits, []);
    assert.deepEqual(await snapshot(kv), before);
  } finally {
    kv.close();
    await copy.dispose();
  }
});

Deno.test("v4 elements - two productions, free-text tags of every kind, an earlier draft and an interruption at every commit", async () => {
  /** A version-3 store: scripts with tags, no elements. */
  const build = async (kv: Deno.Kv) => {
    await kv.set(["productions", PRODUCTION_ID], { id: PRODUCTION_ID });
    await kv.set(["productions", "p2"], { id: "p2" });
    const film = productionKv(kv, PRODUCTION_ID);
    const { script, scenes } = await createScript(as(film, director), {
      source: SAMPLE_SCREENPLAY,
    });
    await updateScene(as(film, director), script.id, scenes[0].id, {
      add: {
        props: ["Red umbrella", "Mug"],
        vfx: ["Beam"],
        notes: ["Call the harbour"],
      },
    });
    // Only in draft 1: history, no element.
    await updateScene(as(film, director), script.id, scenes[9].id, {
      add: { animals: ["Gull"] },
    });
    await importDraft(as(film, director), script.id, {
      source: SAMPLE_SCREENPLAY.replace(/EXT\. JETTY - DAWN #10#[\s\S]*$/, ""),
    });
    const series = productionKv(kv, "p2");
    const other = await createScript(as(series, director), {
      title: "Pilot",
      source: "INT. PUB - NIGHT #1#\n\nROSA\nPint?\n",
    });
    await updateScene(
      as(series, director),
      other.script.id,
      other.scenes[0].id,
      {
        add: { props: ["red umbrella"], wardrobe: ["Apron"] },
      },
    );
    await withoutElements(kv);
    return { film, series };
  };
  let commits = Infinity;
  for (let failAt = 1; failAt <= commits; failAt++) {
    await withKv(async (kv) => {
      const { film, series } = await build(kv);
      const tags = {
        film: await currentTags(film),
        series: await currentTags(series),
      };
      const recorder = recordCommits(kv, { failAt });
      const ran = await migrate(recorder.kv, STORE_MIGRATIONS, {
        leaseMs: 50,
      }).then(() => true, () => false);
      if (ran) commits = Math.min(commits, failAt - 1);
      assert.equal(await migrate(kv, STORE_MIGRATIONS, { leaseMs: 50 }), 4);
      for (
        const [view, list] of [[film, tags.film], [
          series,
          tags.series,
        ]] as const
      ) {
        for (const { category, tag } of list) {
          assert.ok(await findByTag(view, category, tag), `${category} ${tag}`);
        }
        const cast = (await elements.list(view)).filter((e) =>
          e.category === "cast"
        ).map((e) => e.castNumber).sort((a, b) => a! - b!);
        assert.deepEqual(cast, cast.map((_, i) => i + 1), `failAt ${failAt}`);
      }
      // Each production has its own: the same tag is two elements.
      const filmUmbrella = await findByTag(film, "props", "Red umbrella");
      const seriesUmbrella = await findByTag(series, "props", "Red umbrella");
      assert.notEqual(filmUmbrella?.id, seriesUmbrella?.id);
      assert.equal(await findByTag(film, "animals", "Gull"), null);
      assert.equal(await findByTag(film, "notes", "Call the harbour"), null);
      assert.equal(
        (await elements.list(film)).length,
        new Set(tags.film.map((t) => `${t.category}/${t.tag.toLowerCase()}`))
          .size,
      );
    });
  }
  // The lease, the film's elements (more than one commit), the series',
  // the version: every one was a failure point.
  assert.ok(commits >= 5, `${commits} commits`);
});

Deno.test("v4 elements - keys written are the element module's own", async () => {
  await withKv(async (kv) => {
    await kv.set(["productions", PRODUCTION_ID], { id: PRODUCTION_ID });
    const view = productionKv(kv, PRODUCTION_ID);
    await createScript(as(view, director), {
      title: "One",
      source: "INT. PUB - NIGHT #1#\n\nROSA\nPint?\n",
    });
    // What the app wrote on first use …
    const made = await snapshot(kv);
    const appKeys = [...made.keys()].filter((k) => /"element/.test(k)).sort();
    await withoutElements(kv);
    assert.equal(await migrate(kv, STORE_MIGRATIONS), 4);
    // … is what the step writes, but for the ids.
    const after = [...(await snapshot(kv)).keys()].filter((k) =>
      /"element/.test(k)
    ).sort();
    const shape = (k: string) => k.replace(/[0-9a-f-]{36}/g, "<id>");
    assert.deepEqual(after.map(shape), appKeys.map(shape));
    assert.ok(
      appKeys.includes(keyId(["element_counters", PRODUCTION_ID, "cast"])),
    );
  });
});
