/**
 * The script module's browser-safe vocabulary: the breakdown categories,
 * statuses and labels (breakdown.ts), the import limits and the wire types
 * (scripts, drafts, scenes, scene patches, `script_update` data, reports).
 * No zod and nothing server-only: islands import this file; schemas.ts
 * builds its zod schemas from it and checks they infer these same types.
 *
 * @module
 */
import type { Element } from "@/lib/fountain/types.ts";
import type {
  Element as BreakdownElement,
  ElementCategory,
} from "@/lib/elements/shared.ts";
export * from "./breakdown.ts";
import type { Breakdown, SceneChange, SceneStatus } from "./breakdown.ts";

/**
 * Largest Fountain source, in UTF-8 bytes (2 MiB): the parser's limit
 * (`DEFAULT_MAX_BYTES` in lib/fountain, checked equal by shared_test.ts).
 */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
/** Largest JSON body of an import: the source plus room for escaping. */
export const MAX_IMPORT_BODY_BYTES = MAX_SOURCE_BYTES + MAX_SOURCE_BYTES / 4;
/** Most scenes in one draft (a feature has 100–250). */
export const MAX_SCENES = 1500;
/** Largest scene: heading, characters and text as JSON, in bytes. */
export const MAX_SCENE_TEXT_BYTES = 24 * 1024;
/** Largest breakdown of one scene, as JSON, in bytes. */
export const MAX_BREAKDOWN_BYTES = 16 * 1024;
/** Longest script title, in characters. */
export const MAX_TITLE_LENGTH = 200;

/** A scene heading's setting. */
export const SCENE_SETTINGS = ["INT", "EXT", "INT/EXT", "EST"] as const;

/** A scene heading's setting. */
export type SceneSetting = typeof SCENE_SETTINGS[number];

/**
 * What a `script_update` event reports: an import, a scene update, or a
 * breakdown element renamed or merged (lib/elements). Clients ignore
 * actions they do not know.
 */
export const SCRIPT_ACTIONS = [
  "imported",
  "scene_updated",
  "element_renamed",
  "element_merged",
] as const;

/** One scene in a report. */
export interface ReportScene {
  id: string;
  number: string | null;
  index: number;
  heading: string;
  eighths: number;
}

/**
 * A breakdown element in a report: the element a tag refers to, or the
 * tag itself (`id` null) while it has none.
 */
export interface ReportElement {
  id: string | null;
  category: ElementCategory;
  name: string;
  castNumber: number | null;
}

/** `GET /api/scripts/:id/reports`. */
export interface ScriptReports {
  scriptId: string;
  draftVersion: number;
  /** Sets (heading locations), A–Z, with their scenes in script order. */
  byLocation: { location: string; scenes: ReportScene[]; eighths: number }[];
  /** Cast (breakdown `cast` tags), most scenes first, then A–Z. */
  characters: { name: string; scenes: ReportScene[]; eighths: number }[];
  /**
   * Every element tagged in the counted scenes, by category, cast number
   * and name, with those scenes (script order) and their eighths.
   */
  scenesByElement: {
    element: ReportElement;
    scenes: ReportScene[];
    eighths: number;
  }[];
  /** Every counted scene, in script order, with the elements it needs. */
  elementsByScene: { scene: ReportScene; elements: ReportElement[] }[];
  /** Scenes and eighths counted (omitted scenes are left out). */
  totals: { scenes: number; eighths: number; omitted: number };
}

/** One screenplay element, exactly as the Fountain parser returns it. */
export type SceneElement = Element;

/** What a new draft changed, in scenes. */
export interface DraftSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

/** What an import changed, with the scenes of the new draft. */
export interface ImportSummary extends DraftSummary {
  /** Scenes in the new draft, not counting the ones it removed. */
  scenes: number;
}

/**
 * A script as stored and sent. It is the pointer to the current draft: an
 * import becomes visible when `currentVersion` moves to it (see store.ts).
 */
export interface Script {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  title: string;
  /** The number of the current draft (1, 2, …). */
  currentVersion: number;
  /** Scenes in the current draft, not counting the ones it removed. */
  sceneCount: number;
  /** Page eighths of those scenes. */
  eighths: number;
  /** Who imported the first draft: id and name at the time. */
  createdBy: string;
  createdByName: string;
}

/** One draft of a script, as stored (read-only once written) and sent. */
export interface ScriptVersion {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  scriptId: string;
  /** 1, 2, 3 … per script, in import order. */
  number: number;
  /** The import that wrote this draft's scenes (their `importId`). */
  importId: string;
  /** The title page's `Title:`, or null. */
  titlePageTitle: string | null;
  /** The title page (keys lower-cased), values cut to 500 characters. */
  titlePage: Record<string, string>;
  /** SHA-256 hex of the Fountain source as uploaded. */
  sourceHash: string;
  /** The source's size in UTF-8 bytes. */
  sourceBytes: number;
  /** Scenes in the draft, not counting the ones it removed. */
  sceneCount: number;
  eighths: number;
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: string;
  /** The parser's warnings (best-effort parsing), each cut to 500 characters. */
  warnings: string[];
  /** Against the previous draft; all `added` for draft 1. */
  summary: DraftSummary;
}

/** A scene of one draft, with its breakdown, as stored and sent. */
export interface Scene {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  scriptId: string;
  /** The draft (script version number) this record belongs to. */
  draftVersion: number;
  /** The import that wrote it; equals its draft's `importId`. */
  importId: string;
  /**
   * Identity of the scene across drafts: a matched scene keeps its key
   * (see diff.ts for the matching).
   */
  key: string;
  /** The same scene's record in the previous draft, or null when added. */
  previousId: string | null;
  /** Order in the draft's scene list, removed scenes included, from 0. */
  position: number;
  /** The parser's 0-based order (for a removed scene: in the previous draft). */
  index: number;
  /** The `#n#` scene number, or null. */
  number: string | null;
  heading: string;
  setting: SceneSetting | null;
  location: string;
  timeOfDay: string | null;
  /** Speaking characters, as the parser found them. */
  characters: string[];
  /** Estimated length in eighths of a page, ≥ 1. */
  eighths: number;
  /** SHA-256 hex of the scene's normalised text (the parser's). */
  hash: string;
  /** The scene's body as screenplay elements, for the reading view. */
  text: SceneElement[];
  status: SceneStatus;
  change: SceneChange;
  /** A changed scene whose breakdown had been approved: look at it again. */
  needsReview: boolean;
  notes: string;
  breakdown: Breakdown;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
}

/** Tags per category, for a patch: only the categories it names. */
export type TagChanges = Partial<Breakdown>;

/**
 * A change to a scene (`PATCH /api/scripts/:id/scenes/:sceneId`), at least
 * one field: `breakdown` replaces the listed categories' tags, `add` and
 * `remove` add or remove single tags, applied in that order; `notes`
 * replaces the notes; `status` moves the scene.
 */
export interface ScenePatch {
  status?: SceneStatus;
  notes?: string;
  breakdown?: TagChanges;
  add?: TagChanges;
  remove?: TagChanges;
}

/**
 * `script_update` event data (DESIGN §5): one event per import (the script,
 * the draft and the scene counts, not the scenes — clients reload the
 * script), one per scene update (the scene after the change), and one per
 * element renamed (with its former name) or merged (the element that
 * remains, and the one merged into it). The scenes a rename or merge
 * rewrites each log their own `scene_updated`.
 */
export type ScriptUpdateData =
  | {
    action: "imported";
    script: Script;
    version: ScriptVersion;
    summary: ImportSummary;
  }
  | { action: "scene_updated"; scene: Scene }
  | {
    action: "element_renamed";
    element: BreakdownElement;
    previousName: string;
  }
  | {
    action: "element_merged";
    element: BreakdownElement;
    merged: BreakdownElement;
  };
