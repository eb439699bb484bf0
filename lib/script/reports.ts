/**
 * Script-side reports over a draft's scenes: scenes and page eighths per
 * set and per cast member (DESIGN §3). Pure: service.ts reads the draft.
 *
 * @module
 */
import type { Scene } from "./schemas.ts";
import {
  type ReportScene,
  SCENE_STATUSES,
  type SceneStatus,
  type ScriptReports,
} from "./shared.ts";

function reportScene(scene: Scene): ReportScene {
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
): Omit<ScriptReports, "scriptId" | "draftVersion"> {
  const live = draftScenes.filter((s) => s.status !== "omitted");
  type Group = { name: string; scenes: ReportScene[]; eighths: number };
  const group = (map: Map<string, Group>, name: string, scene: Scene) => {
    const key = name.replace(/\s+/g, " ").trim().toUpperCase();
    let g = map.get(key);
    if (g === undefined) {
      map.set(key, g = { name: name.trim(), scenes: [], eighths: 0 });
    }
    g.scenes.push(reportScene(scene));
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
    totals: {
      scenes: live.length,
      eighths: live.reduce((sum, s) => sum + s.eighths, 0),
      omitted: draftScenes.length - live.length,
    },
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
