/**
 * The script module's browser-safe vocabulary: the breakdown categories,
 * statuses and labels (breakdown.ts), the import limits and the wire types
 * of the reports. No zod and nothing server-only: islands import this file;
 * schemas.ts builds its zod schemas from it.
 *
 * @module
 */
export * from "./breakdown.ts";

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

/** What a `script_update` event reports. */
export const SCRIPT_ACTIONS = ["imported", "scene_updated"] as const;

/** One scene in a report. */
export interface ReportScene {
  id: string;
  number: string | null;
  index: number;
  heading: string;
  eighths: number;
}

/** `GET /api/scripts/:id/reports`. */
export interface ScriptReports {
  scriptId: string;
  draftVersion: number;
  /** Sets (heading locations), A–Z, with their scenes in script order. */
  byLocation: { location: string; scenes: ReportScene[]; eighths: number }[];
  /** Cast (breakdown `cast` tags), most scenes first, then A–Z. */
  characters: { name: string; scenes: ReportScene[]; eighths: number }[];
  /** Scenes and eighths counted (omitted scenes are left out). */
  totals: { scenes: number; eighths: number; omitted: number };
}
