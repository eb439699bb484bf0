/**
 * Where elements appear: the scenes of every script's current draft, read
 * once, and which element each of their tags refers to (its key, else an
 * alias). The element list, the element page and the rename and merge
 * rewrites all start from here.
 *
 * @module
 */
import type { Scene, Script } from "@/lib/script/schemas.ts";
import {
  draftScenes,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "@/lib/script/store.ts";
import type { Element } from "./schemas.ts";
import {
  ELEMENT_CATEGORIES,
  type ElementCategory,
  type ElementScene,
  tagKey,
} from "./shared.ts";
import { listElements } from "./store.ts";

/** A script with the scenes of its current draft (removed ones left out). */
export interface CurrentDraft {
  script: Script;
  scenes: Scene[];
}

/** Every script's current draft, scripts A–Z by title. */
export async function currentDrafts(kv: Deno.Kv): Promise<CurrentDraft[]> {
  const out: CurrentDraft[] = [];
  const all = (await scripts.list(kv)).sort((a, b) =>
    a.title.localeCompare(b.title, "en", { sensitivity: "base" })
  );
  for (const script of all) {
    const version = await scriptVersions.get(
      kv,
      scriptVersionId(script.id, script.currentVersion),
    );
    if (version === null) continue;
    const scenes = (await draftScenes(kv, version))
      .filter((s) => s.change !== "removed");
    out.push({ script, scenes });
  }
  return out;
}

/** Which element a tag refers to, from the elements and their aliases. */
export interface TagResolver {
  /** The element of `tag` in `category`, or null. */
  resolve(category: ElementCategory, tag: string): Element | null;
}

function slot(category: string, key: string): string {
  return `${category}\u0000${key}`;
}

/** A resolver over `elements` and the production's alias entries. */
export async function tagResolver(
  kv: Deno.Kv,
  all?: Element[],
): Promise<TagResolver> {
  const list = all ?? await listElements(kv);
  const byId = new Map(list.map((e) => [e.id, e]));
  const bySlot = new Map(list.map((e) => [slot(e.category, e.key), e]));
  const aliases = new Map<string, Element>();
  for await (const entry of kv.list<string>({ prefix: ["element_aliases"] })) {
    const element = byId.get(entry.value);
    if (element !== undefined) {
      aliases.set(slot(String(entry.key[1]), String(entry.key[2])), element);
    }
  }
  return {
    resolve(category, tag) {
      const s = slot(category, tagKey(tag));
      return bySlot.get(s) ?? aliases.get(s) ?? null;
    },
  };
}

/** A scene as an element's scene list shows it. */
export function elementScene(script: Script, scene: Scene): ElementScene {
  return {
    scriptId: script.id,
    scriptTitle: script.title,
    sceneId: scene.id,
    key: scene.key,
    number: scene.number,
    index: scene.index,
    heading: scene.heading,
    eighths: scene.eighths,
    status: scene.status,
  };
}

/**
 * The elements a scene's tags refer to, each once, in breakdown-sheet
 * order; tags with no element are left out.
 */
export function elementsOfScene(
  scene: Scene,
  resolver: TagResolver,
): Element[] {
  const out = new Map<string, Element>();
  for (const category of ELEMENT_CATEGORIES) {
    for (const tag of scene.breakdown[category]) {
      const element = resolver.resolve(category, tag);
      if (element !== null) out.set(element.id, element);
    }
  }
  return [...out.values()];
}

/**
 * Per element id, the current drafts' scenes tagged with it (in script
 * order, omitted ones included: their status says so).
 */
export function scenesByElement(
  drafts: CurrentDraft[],
  resolver: TagResolver,
): Map<string, ElementScene[]> {
  const out = new Map<string, ElementScene[]>();
  for (const { script, scenes } of drafts) {
    for (const scene of scenes) {
      for (const element of elementsOfScene(scene, resolver)) {
        let list = out.get(element.id);
        if (list === undefined) out.set(element.id, list = []);
        list.push(elementScene(script, scene));
      }
    }
  }
  return out;
}
