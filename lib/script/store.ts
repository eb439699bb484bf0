/**
 * Scripts, their drafts and their scenes in KV: the repositories, their keys
 * and the lookups every script operation shares (DESIGN §3, §4). No
 * authorization here: service.ts decides who may do what.
 *
 * ## Storage
 *
 * - `["scripts", id]`: the script, and the pointer to its current draft
 *   (`currentVersion`).
 * - `["script_versions", "<scriptId>_v<n>"]`: draft n (read-only once
 *   written), naming the import that wrote its scenes (`importId`).
 * - `["script_scenes", id]`: one record per scene per draft (values must
 *   stay under 64 KiB), indexed by `[scriptId, importId, position]`. Earlier
 *   drafts' scenes stay as they were: read-only history.
 * - `["script_revisions", scriptId]`: a counter every scene write bumps, so
 *   an import can tell that a breakdown changed while it was planning.
 * - `["script_imports", importId]`: marks an import in progress (import.ts).
 *
 * @module
 */
import { NotFoundError } from "@/lib/errors.ts";
import { Repository } from "@/lib/store/repository.ts";
import type { Transaction } from "@/lib/store/transaction.ts";
import {
  type Scene,
  SceneSchema,
  type Script,
  ScriptSchema,
  type ScriptVersion,
  ScriptVersionSchema,
} from "./schemas.ts";

/** Scripts: the pointer to the current draft. */
export const scripts = new Repository<Script>({
  name: "scripts",
  schema: ScriptSchema,
});

/** Drafts of scripts, listed per script in number order. */
export const scriptVersions = new Repository<ScriptVersion>({
  name: "script_versions",
  schema: ScriptVersionSchema,
  indexes: [{ name: "script", key: (v) => [v.scriptId, v.number] }],
});

/** Scenes, one record per scene per draft, listed per import in order. */
export const scenes = new Repository<Scene>({
  name: "script_scenes",
  schema: SceneSchema,
  indexes: [{
    name: "draft",
    key: (s) => [s.scriptId, s.importId, s.position],
  }],
});

/** A script with one of its drafts (`GET /api/scripts/:id`). */
export interface ScriptDetail {
  script: Script;
  /** The draft shown: the current one unless another was asked for. */
  version: ScriptVersion;
  /** Every draft, oldest first. */
  versions: ScriptVersion[];
  /** The draft's scenes in order, removed ones where they stood. */
  scenes: Scene[];
}

/** The id of draft `number` of script `scriptId`. */
export function scriptVersionId(scriptId: string, number: number): string {
  return `${scriptId}_v${number}`;
}

/** The key of a script's scene-write counter. */
export function revisionKey(scriptId: string): Deno.KvKey {
  return ["script_revisions", scriptId];
}

/** The size of `value` as JSON, in UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}

/** "scene 12" by its number, else "scene 3" by its order. */
export function sceneName(
  scene: { number: string | null; index: number },
): string {
  return scene.number === null
    ? `scene ${scene.index + 1}`
    : `scene ${scene.number}`;
}

/** The not-found answer for a script id. */
export function scriptNotFound(id: string): NotFoundError {
  return new NotFoundError("script", `No script with id ${id}`);
}

/** The script with `id`, or {@linkcode NotFoundError}. */
export async function requireScript(
  reader: Deno.Kv | Transaction,
  id: string,
): Promise<Script> {
  const script = await scripts.get(reader, id);
  if (script === null) throw scriptNotFound(id);
  return script;
}

/**
 * The scene `sceneId` of `script` in a published draft, or
 * {@linkcode NotFoundError}: a scene of another script, of a draft not yet
 * current, or staged by an unfinished import (its importId is not its
 * draft's) does not exist for anyone.
 */
export async function requirePublishedScene(
  reader: Deno.Kv | Transaction,
  script: Script,
  sceneId: string,
): Promise<Scene> {
  const scene = await scenes.get(reader, sceneId);
  const draft = scene === null || scene.scriptId !== script.id ||
      scene.draftVersion > script.currentVersion
    ? null
    : await scriptVersions.get(
      reader,
      scriptVersionId(script.id, scene.draftVersion),
    );
  if (scene === null || draft === null || draft.importId !== scene.importId) {
    throw new NotFoundError(
      "scene",
      `Script “${script.title}” has no scene with id ${sceneId}`,
    );
  }
  return scene;
}

/** The scenes a draft lists, in order (removed ones included). */
export async function draftScenes(
  kv: Deno.Kv,
  version: ScriptVersion,
): Promise<Scene[]> {
  return await scenes.findBy(kv, "draft", version.scriptId, version.importId);
}

/** Every draft of a script up to `upTo`, oldest first. */
export async function draftsUpTo(
  kv: Deno.Kv,
  scriptId: string,
  upTo: number,
): Promise<ScriptVersion[]> {
  return (await scriptVersions.findBy(kv, "script", scriptId))
    .filter((v) => v.number <= upTo);
}
