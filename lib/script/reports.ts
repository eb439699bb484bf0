/**
 * Script-side reports over a draft's scenes: scenes and page eighths per
 * set and per cast member (DESIGN §3), scenes per breakdown element and
 * elements per scene (issue #13). Pure: service.ts reads the draft and
 * says which element each tag refers to.
 *
 * @module
 */
import {
  compareElements,
  ELEMENT_CATEGORIES,
  type ElementCategory,
} from "@/lib/elements/shared.ts";
import type { Scene } from "./schemas.ts";
import {
  type ReportElement,
  type ReportScene,
  SCENE_STATUSES,
  type SceneStatus,
  type ScriptReports,
  tagKey,
} from "./shared.ts";

/** The element a tag refers to, or null while it has none. */
export type ResolveTag = (
  category: ElementCategory,
  tag: string,
) => (ReportElement & { id: string }) | null;

function reportSceneOf(scene: Scene): ReportScene {
  return {
    id: scene.id,
    number: scene.number,
    index: scene.index,
    heading: scene.heading,
    eighths: scene.eighths,
  };
}

/**
 * Reports over a draft's scenes, omitted ones left out: scenes and page
 * eighths per set (the heading's location, A–Z) and per cast member (the
 * breakdown's `cast` tags, most scenes first). Names group without regard
 * to case or spacing; the first spelling is shown.
 */
export function buildReports(
  draftScenes: readonly Scene[],
  resolve: ResolveTag = () => null,
): Omit<ScriptReports, "scriptId" | "draftVersion"> {
  const live = draftScenes.filter((s) => s.status !== "omitted");
  type Group = { name: string; scenes: ReportScene[]; eighths: number };
  const group = (map: Map<string, Group>, name: string, scene: Scene) => {
    const key = name.replace(/\s+/g, " ").trim().toUpperCase();
    let g = map.get(key);
    if (g === undefined) {
      map.set(key, g = { name: name.trim(), scenes: [], eighths: 0 });
    }
    g.scenes.push(reportSceneOf(scene));
    g.eighths += scene.eighths;
  };
  const locations = new Map<string, Group>();
  const cast = new Map<string, Group>();
  for (const scene of live) {
    group(locations, scene.location || "(no location)", scene);
    for (const name of scene.breakdown.cast) group(cast, name, scene);
  }
  const az = (a: Group, b: Group) =>
    a.name.localeCompare(b.name, "en", { sensitivity: "base" });
  return {
    byLocation: [...locations.values()].sort(az).map((g) => ({
      location: g.name,
      scenes: g.scenes,
      eighths: g.eighths,
    })),
    characters: [...cast.values()]
      .sort((a, b) => b.scenes.length - a.scenes.length || az(a, b)),
    ...elementReports(live, resolve),
    totals: {
      scenes: live.length,
      eighths: live.reduce((sum, s) => sum + s.eighths, 0),
      omitted: draftScenes.length - live.length,
    },
  };
}

/**
 * Scenes by element and elements by scene over the counted scenes: each
 * tag counts for the element it refers to (tags spelled otherwise, such as
 * a merged element's name, count once for it), or for itself while it has
 * none.
 */
function elementReports(
  live: readonly Scene[],
  resolve: ResolveTag,
): Pick<ScriptReports, "scenesByElement" | "elementsByScene"> {
  const groups = new Map<string, ScriptReports["scenesByElement"][number]>();
  const elementsByScene = live.map((scene) => {
    const seen = new Map<string, ReportElement>();
    for (const category of ELEMENT_CATEGORIES) {
      for (const tag of scene.breakdown[category]) {
        const found = resolve(category, tag);
        const element: ReportElement = found === null
          ? { id: null, category, name: tag, castNumber: null }
          : {
            id: found.id,
            category: found.category,
            name: found.name,
            castNumber: found.castNumber,
          };
        seen.set(found?.id ?? `${category}\u0000${tagKey(tag)}`, element);
      }
    }
    const reportScene = reportSceneOf(scene);
    for (const [slot, element] of seen) {
      let group = groups.get(slot);
      if (group === undefined) {
        groups.set(slot, group = { element, scenes: [], eighths: 0 });
      }
      group.scenes.push(reportScene);
      group.eighths += scene.eighths;
    }
    return { scene: reportScene, elements: [...seen.values()] };
  });
  return {
    scenesByElement: [...groups.values()]
      .sort((a, b) => compareElements(a.element, b.element)),
    elementsByScene,
  };
}

/** Scenes per breakdown status (removed and omitted ones included). */
export function countByStatus(
  scenes: readonly Scene[],
): Record<SceneStatus, number> {
  const counts = Object.fromEntries(
    SCENE_STATUSES.map((s) => [s, 0]),
  ) as Record<SceneStatus, number>;
  for (const scene of scenes) counts[scene.status]++;
  return counts;
}
