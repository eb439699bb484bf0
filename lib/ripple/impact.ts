/**
 * What a new draft did to each scene that records may depend on: changed
 * (its text), omitted, or renumbered, with the detail a flag shows — the
 * scene before and after, cast added and removed, and a line diff of its
 * text. Pure: the scenes in, the impacts out.
 *
 * @module
 */
import type { Scene } from "@/lib/script/schemas.ts";
import type { SceneElement } from "@/lib/script/shared.ts";
import { align } from "@/lib/script/sequence_align.ts";
import {
  type DiffLine,
  MAX_DIFF_LINES,
  type SceneChangeDetail,
  type SceneImpact,
  type SceneSnapshot,
} from "./shared.ts";

/** One scene a draft touched, and how. */
export interface ImpactedScene {
  key: string;
  impact: SceneImpact;
  detail: SceneChangeDetail;
  /**
   * Breakdown tags whose elements the change concerns: every tag of an
   * omitted scene, the cast added to or removed from a changed one.
   */
  tags: { category: string; name: string }[];
}

/** What a draft did to its scenes. */
export interface DraftImpact {
  scenes: ImpactedScene[];
  /** Scenes new in the draft (nothing depends on them yet). */
  added: number;
}

function numberOf(scene: Scene): string {
  return scene.number ?? String(scene.index + 1);
}

function snapshot(scene: Scene): SceneSnapshot {
  return {
    number: numberOf(scene),
    heading: scene.heading,
    eighths: scene.eighths,
  };
}

/** A scene's text as lines, for the diff (cues as their names). */
export function textLines(elements: readonly SceneElement[]): string[] {
  const lines: string[] = [];
  for (const e of elements) {
    if (e.type === "page_break" || e.type === "scene_heading") continue;
    if (e.type === "character") {
      lines.push(e.extension ? `${e.name} ${e.extension}` : e.name);
    } else {
      lines.push(...e.text.split("\n"));
    }
  }
  return lines.filter((l) => l.trim() !== "");
}

/**
 * A line diff of two texts, in order; unchanged lines far from a change
 * are left out, and the whole is cut to {@linkcode MAX_DIFF_LINES}.
 */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  const pairs = align(before, after, () => true);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (const [a, b] of pairs) {
    while (i < a) out.push({ op: "removed", text: before[i++] });
    while (j < b) out.push({ op: "added", text: after[j++] });
    out.push({ op: "same", text: before[a] });
    i = a + 1;
    j = b + 1;
  }
  while (i < before.length) out.push({ op: "removed", text: before[i++] });
  while (j < after.length) out.push({ op: "added", text: after[j++] });
  // Keep one line of context either side of each change.
  const near = (k: number) =>
    out.slice(Math.max(0, k - 1), k + 2).some((l) => l.op !== "same");
  return out.filter((l, k) => l.op !== "same" || near(k))
    .slice(0, MAX_DIFF_LINES);
}

function castChange(before: readonly string[], after: readonly string[]) {
  const was = new Set(before.map((c) => c.toUpperCase()));
  const now = new Set(after.map((c) => c.toUpperCase()));
  return {
    castAdded: [...now].filter((c) => !was.has(c)).sort(),
    castRemoved: [...was].filter((c) => !now.has(c)).sort(),
  };
}

/**
 * The impacts of a draft, from its scenes (removed ones included, as the
 * draft lists them) and the previous draft's scenes by id.
 */
export function draftImpact(
  scenes: readonly Scene[],
  previous: ReadonlyMap<string, Scene>,
): DraftImpact {
  const out: ImpactedScene[] = [];
  let added = 0;
  for (const scene of scenes) {
    if (scene.change === "added") {
      added++;
      continue;
    }
    const before = scene.previousId ? previous.get(scene.previousId) : null;
    if (scene.change === "removed") {
      const gone = before ?? scene;
      out.push({
        key: scene.key,
        impact: "removed",
        tags: Object.entries(gone.breakdown)
          .filter(([category]) => category !== "notes")
          .flatMap(([category, names]) =>
            names.map((name) => ({ category, name }))
          ),
        detail: {
          before: snapshot(before ?? scene),
          after: null,
          castAdded: [],
          castRemoved: [...(before ?? scene).characters].sort(),
          diff: [],
        },
      });
      continue;
    }
    if (!before) continue;
    if (scene.change === "changed") {
      const cast = castChange(before.characters, scene.characters);
      out.push({
        key: scene.key,
        impact: "changed",
        tags: [...cast.castAdded, ...cast.castRemoved].map((name) => ({
          category: "cast",
          name,
        })),
        detail: {
          before: snapshot(before),
          after: snapshot(scene),
          ...cast,
          diff: diffLines(textLines(before.text), textLines(scene.text)),
        },
      });
    } else if (numberOf(before) !== numberOf(scene)) {
      out.push({
        key: scene.key,
        impact: "renumbered",
        tags: [],
        detail: {
          before: snapshot(before),
          after: snapshot(scene),
          castAdded: [],
          castRemoved: [],
          diff: [],
        },
      });
    }
  }
  return { scenes: out, added };
}
