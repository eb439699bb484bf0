/**
 * Breakdown elements, browser-safe: the production-wide identity of a
 * breakdown tag (issue #13). A tag "Red umbrella" under Props in scene 4
 * and the same tag in scene 19 are one element; a scene keeps its tags as
 * text, and the element of the same category and {@linkcode tagKey} is
 * what the tag refers to. Every category but `notes` has elements; cast
 * elements carry a cast number (1, 2, 3 … in order of creation, never
 * reused), as on a call sheet.
 *
 * No zod and nothing server-only: pages and islands import this file;
 * schemas.ts builds its zod schemas from it.
 *
 * @module
 */
import {
  BREAKDOWN_CATEGORIES,
  type BreakdownCategory,
  MAX_TAG_LENGTH,
  type SceneStatus,
  tagKey,
} from "@/lib/script/breakdown.ts";

/** Longest element name: a tag's limit, since tags carry the name. */
export const MAX_ELEMENT_NAME = MAX_TAG_LENGTH;

/**
 * The categories whose tags are elements, in breakdown-sheet order: every
 * one but `notes` (free text, not a thing to track).
 */
export const ELEMENT_CATEGORIES = BREAKDOWN_CATEGORIES.filter((c) =>
  c !== "notes"
) as unknown as readonly [ElementCategory, ...ElementCategory[]];

/** A category of elements. */
export type ElementCategory = Exclude<BreakdownCategory, "notes">;

/** True if `value` names a category that has elements. */
export function isElementCategory(value: unknown): value is ElementCategory {
  return typeof value === "string" &&
    (ELEMENT_CATEGORIES as readonly string[]).includes(value);
}

/** A breakdown element as stored and sent. */
export interface Element {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  category: ElementCategory;
  /** The element's name: the spelling its tags carry. */
  name: string;
  /** `tagKey(name)`: unique per category. */
  key: string;
  /** Cast only: its number on the call sheet; null for other categories. */
  castNumber: number | null;
  /** Who created it (first tagged it): id and name at the time. */
  createdBy: string;
  createdByName: string;
}

/** A tag of a scene as an element is asked for: its category and text. */
export interface ElementTag {
  category: BreakdownCategory;
  name: string;
}

/** An element with what the current drafts make of it. */
export interface ElementSummary extends Element {
  /** Scenes of the scripts' current drafts tagged with it. */
  scenes: number;
  /** Their page eighths, omitted scenes left out. */
  eighths: number;
}

/** A scene of a current draft that carries an element's tag. */
export interface ElementScene {
  scriptId: string;
  scriptTitle: string;
  /** The scene record of the current draft (its breakdown page). */
  sceneId: string;
  /** The scene's identity across drafts. */
  key: string;
  number: string | null;
  index: number;
  heading: string;
  eighths: number;
  status: SceneStatus;
}

/** `GET /api/p/:slug/elements/:id`: the element and where it appears. */
export interface ElementDetail {
  element: Element;
  /** Other spellings that lead to it (former names, merged elements). */
  aliases: string[];
  /** Its scenes in the current drafts, by script then script order. */
  scenes: ElementScene[];
}

/** What a merge did: the element merged away and the one it became. */
export interface ElementMerge {
  /** The merged element, as it was before it was deleted. */
  from: Element;
  /** The element that remains, after the merge. */
  into: Element;
}

/** The tag key of an element's name (re-exported for callers). */
export { tagKey };

/**
 * Sort order of elements: by category (breakdown-sheet order), then cast
 * number, then name A–Z.
 */
export function compareElements(
  a: Pick<Element, "category" | "castNumber" | "name">,
  b: Pick<Element, "category" | "castNumber" | "name">,
): number {
  const byCategory = ELEMENT_CATEGORIES.indexOf(a.category) -
    ELEMENT_CATEGORIES.indexOf(b.category);
  if (byCategory !== 0) return byCategory;
  const an = a.castNumber ?? Infinity;
  const bn = b.castNumber ?? Infinity;
  if (an !== bn) return an < bn ? -1 : 1;
  return a.name.localeCompare(b.name, "en", { sensitivity: "base" });
}

/** "#3 MARGIT" for cast, else the name. */
export function elementLabel(
  element: Pick<Element, "castNumber" | "name">,
): string {
  return element.castNumber === null
    ? element.name
    : `#${element.castNumber} ${element.name}`;
}

/**
 * The production-relative page that finds the element of a scene's tag
 * (`/elements/lookup?…`, which redirects to the element): scenes keep
 * their tags as text, so a link needs only the tag.
 */
export function elementLookupPath(
  category: BreakdownCategory,
  tag: string,
): string {
  const query = new URLSearchParams({ category, name: tag });
  return `/elements/lookup?${query}`;
}
