/**
 * The script module's former single-file API, kept for callers not yet moved
 * to the split modules: `(kv, actor, …)` wrappers over service.ts that throw
 * {@linkcode ApiError} as they used to. New code imports store.ts,
 * service.ts (with a {@linkcode ServiceContext}), import.ts, scenes.ts,
 * reports.ts and shared.ts directly.
 *
 * @deprecated Import the split modules; this file goes once lib/vfx,
 * lib/reports.ts and their tests have moved.
 * @module
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "@/lib/errors.ts";
import { type ApiError, toApiError } from "@/lib/http/errors.ts";
import type { Actor } from "@/lib/policy.ts";
import {
  type ServiceActor,
  type ServiceContext,
  serviceContext,
} from "@/lib/service.ts";
import type {
  NewDraft,
  NewScript,
  Scene,
  ScenePatch,
  Script,
  ScriptReports,
} from "./schemas.ts";
import * as service from "./service.ts";
import type { ScriptDetail } from "./store.ts";

export {
  MAX_BREAKDOWN_BYTES,
  MAX_IMPORT_BODY_BYTES,
  MAX_SCENE_TEXT_BYTES,
  MAX_SCENES,
  MAX_SOURCE_BYTES,
} from "./shared.ts";
export { sweepAbandonedImports } from "./import.ts";
export { buildReports } from "./reports.ts";
export {
  scenes,
  type ScriptDetail,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "./store.ts";

/** The user acting: id and role for the policy, name for the records. */
export type ScriptActor = ServiceActor;

function cxOf(
  kv: Deno.Kv,
  actor: Actor & { name?: string },
  now?: () => Date,
): ServiceContext {
  return serviceContext(kv, {
    id: actor.id,
    role: actor.role,
    name: actor.name ?? "",
  }, now);
}

/** Runs a service call, turning its domain errors into the old ApiErrors. */
async function legacy<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (
      error instanceof NotFoundError || error instanceof ForbiddenError ||
      error instanceof ConflictError || error instanceof ValidationError
    ) {
      throw toApiError(error) satisfies ApiError;
    }
    throw error;
  }
}

/** @deprecated {@linkcode service.listScripts}. */
export function listScripts(kv: Deno.Kv, actor: Actor): Promise<Script[]> {
  return legacy(() => service.listScripts(cxOf(kv, actor)));
}

/** @deprecated {@linkcode service.getScript}. */
export function getScript(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  draft?: number,
): Promise<ScriptDetail> {
  return legacy(() => service.getScript(cxOf(kv, actor), id, draft));
}

/** @deprecated {@linkcode service.getScene}. */
export function getScene(
  kv: Deno.Kv,
  actor: Actor,
  scriptId: string,
  sceneId: string,
): Promise<Scene> {
  return legacy(() => service.getScene(cxOf(kv, actor), scriptId, sceneId));
}

/** @deprecated {@linkcode service.getReports}. */
export function getReports(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
): Promise<ScriptReports> {
  return legacy(() => service.getReports(cxOf(kv, actor), id));
}

/** @deprecated {@linkcode service.createScript}. */
export function createScript(
  kv: Deno.Kv,
  actor: ScriptActor,
  input: NewScript,
): Promise<ScriptDetail> {
  return legacy(() => service.createScript(cxOf(kv, actor), input));
}

/** @deprecated {@linkcode service.importDraft}. */
export function importDraft(
  kv: Deno.Kv,
  actor: ScriptActor,
  scriptId: string,
  input: NewDraft,
): Promise<ScriptDetail> {
  return legacy(() => service.importDraft(cxOf(kv, actor), scriptId, input));
}

/** @deprecated {@linkcode service.importWithoutEvent}. */
export function importWithoutEvent(
  kv: Deno.Kv,
  actor: ScriptActor,
  input: NewScript & { scriptId?: string },
  now?: () => Date,
): Promise<ScriptDetail> {
  return legacy(() => service.importWithoutEvent(cxOf(kv, actor, now), input));
}

/** @deprecated {@linkcode service.updateScene}. */
export function updateScene(
  kv: Deno.Kv,
  actor: ScriptActor,
  scriptId: string,
  sceneId: string,
  patch: ScenePatch,
  ifVersion?: number,
): Promise<Scene> {
  return legacy(() =>
    service.updateScene(cxOf(kv, actor), scriptId, sceneId, patch, ifVersion)
  );
}
