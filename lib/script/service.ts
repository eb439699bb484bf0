/**
 * The script module's operations (DESIGN §3, §4), as functions of a
 * {@linkcode ServiceContext}: routes parse input, call one of these and map
 * the result.
 *
 * Who may do what (lib/policy.ts): every role but the distribution manager
 * reads; the director, producer and production manager import drafts and
 * edit breakdowns; only the director and the producer approve a breakdown
 * or reopen an approved one (scenes.ts). Distribution gets a 403 for
 * everything, even for scripts that do not exist; crew and VFX get a 403
 * for every write. Getters throw {@linkcode NotFoundError}.
 *
 * @module
 */
import { ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import { assertCan, type ServiceContext } from "@/lib/service.ts";
import { type HistoryPage, readHistory } from "@/lib/store/history.ts";
import { tagResolver } from "@/lib/elements/usage.ts";
import { runImport } from "./import.ts";
import { buildReports, countByStatus } from "./reports.ts";
import { canApprove, editScene } from "./scenes.ts";

export { canApprove };
import type { SceneStatus } from "./shared.ts";
import type {
  NewDraft,
  NewScript,
  Scene,
  ScenePatch,
  Script,
  ScriptReports,
} from "./schemas.ts";
import {
  draftScenes,
  draftsUpTo,
  requirePublishedScene,
  requireScript,
  scenes,
  type ScriptDetail,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "./store.ts";

export type { ScriptDetail };

function assertReader(cx: ServiceContext): void {
  assertCan(
    cx,
    "script",
    "read",
    undefined,
    "The script and its breakdown are not shared with your role",
  );
}

function assertWriter(cx: ServiceContext, what: string): void {
  assertReader(cx);
  assertCan(
    cx,
    "script",
    "write",
    undefined,
    `Only the director, the producer and the production manager ${what}`,
  );
}

/** Every script, most recently updated first. */
export async function listScripts(cx: ServiceContext): Promise<Script[]> {
  assertReader(cx);
  const all = await scripts.list(cx.kv);
  return all.sort((a, b) =>
    a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
  );
}

/**
 * A script with its drafts and the scenes (with their breakdowns) of draft
 * `draft` (default: the current one). 403 for non-readers, else 404.
 */
export async function getScript(
  cx: ServiceContext,
  id: string,
  draft?: number,
): Promise<ScriptDetail> {
  assertReader(cx);
  const { kv } = cx;
  const script = await requireScript(kv, id);
  const number = draft ?? script.currentVersion;
  const version = number <= script.currentVersion
    ? await scriptVersions.get(kv, scriptVersionId(id, number))
    : null;
  if (version === null) {
    throw new NotFoundError(
      "draft",
      `Script “${script.title}” has no draft ${number}`,
    );
  }
  return {
    script,
    version,
    versions: await draftsUpTo(kv, id, script.currentVersion),
    scenes: await draftScenes(kv, version),
  };
}

/**
 * One scene of a script, of any of its drafts. 403 for non-readers, else
 * 404 when the script or the scene (in a published draft) does not exist.
 */
export async function getScene(
  cx: ServiceContext,
  scriptId: string,
  sceneId: string,
): Promise<Scene> {
  assertReader(cx);
  const script = await requireScript(cx.kv, scriptId);
  return await requirePublishedScene(cx.kv, script, sceneId);
}

/**
 * A scene's change history (breakdown, notes, status; who approved),
 * newest first; the same rule as the scene.
 */
export async function sceneHistory(
  cx: ServiceContext,
  scriptId: string,
  sceneId: string,
  query: { limit?: number; cursor?: string | null },
): Promise<HistoryPage> {
  await getScene(cx, scriptId, sceneId);
  return await readHistory(cx.kv, scenes.name, sceneId, query);
}

/**
 * Imports a Fountain source as a new script (draft 1): every scene `draft`
 * and `added`, cast and location pre-filled. One `imported` event.
 */
export async function createScript(
  cx: ServiceContext,
  input: NewScript,
): Promise<ScriptDetail> {
  assertWriter(cx, "import scripts");
  return await runImport(cx, {
    scriptId: null,
    title: input.title,
    source: input.source,
  });
}

/**
 * Imports the next draft of a script: scenes matched to the current draft
 * and marked added / removed / changed / unchanged (diff.ts), breakdowns
 * carried over. The previous draft stays as read-only history. One
 * `imported` event.
 */
export async function importDraft(
  cx: ServiceContext,
  scriptId: string,
  input: NewDraft,
): Promise<ScriptDetail> {
  assertWriter(cx, "import scripts");
  return await runImport(cx, { scriptId, source: input.source });
}

/** For the seed: an import without an event, at `cx.now()`. */
export async function importWithoutEvent(
  cx: ServiceContext,
  input: NewScript & { scriptId?: string },
): Promise<ScriptDetail> {
  assertWriter(cx, "import scripts");
  return await runImport(cx, {
    scriptId: input.scriptId ?? null,
    title: input.title,
    source: input.source,
  }, false);
}

/**
 * Changes a scene of a script's current draft: its breakdown (replace,
 * add or remove tags per category), notes and status.
 *
 * - Writers (director, producer, production manager) edit tags and notes,
 *   move draft ⇄ broken down, omit from any status and restore omitted
 *   scenes (not ones a new draft removed).
 * - Only the director and the producer approve (broken down → approved,
 *   which clears `needsReview`) and reopen (approved → broken down); the
 *   production manager gets a 403 for either.
 * - An approved breakdown is locked: tags change only with a move out of
 *   approved in the same patch (notes stay editable).
 * - Earlier drafts are history: their scenes are a 409.
 *
 * A stale `ifVersion` (the scene record's version) is a 409 with the current
 * scene. A patch that changes nothing writes nothing. One `scene_updated`
 * event per write.
 */
export async function updateScene(
  cx: ServiceContext,
  scriptId: string,
  sceneId: string,
  patch: ScenePatch,
  ifVersion?: number,
): Promise<Scene> {
  assertWriter(cx, "edit the breakdown");
  if (patch.status === "approved" && !canApprove(cx.actor)) {
    throw new ForbiddenError(
      "Only the director or the producer approves a breakdown",
    );
  }
  return await editScene(cx, scriptId, sceneId, patch, ifVersion);
}

/**
 * A scene with its script and every scene of its draft, in order (the
 * breakdown sheet's neighbours); the same rules as {@linkcode getScene}.
 */
export async function getSceneInDraft(
  cx: ServiceContext,
  scriptId: string,
  sceneId: string,
): Promise<{ script: Script; scene: Scene; scenes: Scene[] }> {
  const scene = await getScene(cx, scriptId, sceneId);
  const { script, scenes } = await getScript(cx, scriptId, scene.draftVersion);
  return { script, scene, scenes };
}

/** What the reports page shows: the reports with the draft they count. */
export interface ReportsDetail {
  script: Script;
  /** The current draft's scenes, in order, omitted ones included. */
  scenes: Scene[];
  reports: ScriptReports;
}

/**
 * Reports of a script's current draft (see {@linkcode buildReports}), with
 * the script and the scenes they were built from, from one read.
 */
export async function getReportsDetail(
  cx: ServiceContext,
  id: string,
): Promise<ReportsDetail> {
  const { script, scenes } = await getScript(cx, id);
  const resolver = await tagResolver(cx.kv);
  return {
    script,
    scenes,
    reports: {
      scriptId: script.id,
      draftVersion: script.currentVersion,
      ...buildReports(
        scenes,
        (category, tag) => resolver.resolve(category, tag),
      ),
    },
  };
}

/** Reports of a script's current draft (see {@linkcode buildReports}). */
export async function getReports(
  cx: ServiceContext,
  id: string,
): Promise<ScriptReports> {
  return (await getReportsDetail(cx, id)).reports;
}

/**
 * Scenes per breakdown status over the current draft of every script: how
 * far the breakdown has come (the production reports' table).
 */
export async function sceneStatusCounts(
  cx: ServiceContext,
): Promise<Record<SceneStatus, number>> {
  const all: Scene[] = [];
  for (const script of await listScripts(cx)) {
    all.push(...(await getScript(cx, script.id)).scenes);
  }
  return countByStatus(all);
}
