/**
 * What the schedule is built from, read from the script and elements
 * stores: the current draft's scenes as strips (every script, oldest
 * first, each in its scene order) and the numbered cast. Server-only.
 *
 * @module
 */
import { listAliases, listElements } from "@/lib/elements/store.ts";
import {
  draftScenes,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "@/lib/script/store.ts";
import type { Scene } from "@/lib/script/shared.ts";
import type { CastEntry, Strip } from "./shared.ts";
import { castLookup, deriveStrips } from "./strips.ts";

/** The strips and cast a schedule view needs, and which scenes are new. */
export interface ScheduleSource {
  /** Every scene of the current drafts as a strip, in script order. */
  strips: Strip[];
  byKey: Map<string, Strip>;
  cast: CastEntry[];
  /** Scenes the current draft added (a later draft than the first). */
  addedKeys: Set<string>;
}

async function currentScenes(kv: Deno.Kv): Promise<Scene[]> {
  const all = (await scripts.list(kv)).sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
  );
  const out: Scene[] = [];
  for (const script of all) {
    const version = await scriptVersions.get(
      kv,
      scriptVersionId(script.id, script.currentVersion),
    );
    if (version === null) continue;
    const scenes = await draftScenes(kv, version);
    scenes.sort((a, b) => a.position - b.position);
    // A first draft adds every scene: only a revision's additions are news.
    if (script.currentVersion > 1) out.push(...scenes);
    else {out.push(
        ...scenes.map((s) => ({ ...s, change: "unchanged" as const })),
      );}
  }
  return out;
}

/** Reads the current drafts' strips and the production's numbered cast. */
export async function readScheduleSource(
  kv: Deno.Kv,
): Promise<ScheduleSource> {
  const [scenes, elements, aliases] = await Promise.all([
    currentScenes(kv),
    listElements(kv),
    listAliases(kv, "cast"),
  ]);
  const cast: CastEntry[] = elements
    .filter((e) => e.category === "cast" && e.castNumber !== null)
    .map((e) => ({ castNumber: e.castNumber!, name: e.name, elementId: e.id }))
    .sort((a, b) => a.castNumber - b.castNumber);
  const numberOf = new Map(cast.map((c) => [c.elementId, c.castNumber]));
  const aliasNumbers = aliases.flatMap(([spelling, id]) => {
    const n = numberOf.get(id);
    return n === undefined ? [] : [[spelling, n] as const];
  });
  const strips = deriveStrips(scenes, castLookup(cast, aliasNumbers));
  return {
    strips,
    byKey: new Map(strips.map((s) => [s.sceneKey, s])),
    cast,
    addedKeys: new Set(
      scenes.filter((s) => s.change === "added").map((s) => s.key),
    ),
  };
}
