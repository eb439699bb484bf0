/**
 * Browser-safe helpers of the script pages and islands: failure texts,
 * status tones, the status moves a viewer may make (mirroring the store's
 * rules), and applying `script_update` events to what a page shows.
 *
 * No zod here (islands import it): wire types come from shared.ts.
 *
 * @module
 */
import {
  SCENE_STATUS_LABELS,
  type SceneStatus,
} from "@/lib/script/breakdown.ts";
import type { Scene, Script } from "@/lib/script/shared.ts";
import { type FailureInfo, failureText } from "@/components/api.ts";

export { type ApiFailure, send } from "@/components/api.ts";

/** What a bare 413 or 415 (no message, e.g. from a proxy) means here. */
const STATUS_HINTS: Record<number, string> = {
  413: "the script is too large (at most 2 MiB)",
  415: "that is not a Fountain or plain text file",
};

/**
 * {@linkcode failureText} for the script pages: also what a bare 413 or
 * 415 means for a script, and a validation refusal as the issues it names
 * (a tag limit, an empty script) rather than "The request is invalid".
 */
export function scriptFailureText(failure: unknown, fallback: string): string {
  const f = failure as FailureInfo | undefined;
  const hint = f ? STATUS_HINTS[f.status] : undefined;
  if (hint !== undefined) return f?.error?.message ?? `${fallback}: ${hint}.`;
  const issues = f?.error?.details;
  if (
    f?.status !== 0 && f?.error?.code === "validation" &&
    Array.isArray(issues) && issues.length > 0
  ) {
    return issues.map((i: { message?: string }) => i.message).filter(Boolean)
      .join("; ");
  }
  return failureText(failure, fallback);
}

/** How a status pill looks (shared `.status-pill` tones). */
export const STATUS_TONES: Record<SceneStatus, string> = {
  draft: "idle",
  broken_down: "review",
  approved: "approved",
  omitted: "omitted",
};

/** A status move a viewer may make, with its button label. */
export interface StatusAction {
  to: SceneStatus;
  label: string;
  /** Approve and restore are the main actions; the rest are quiet. */
  primary: boolean;
}

/** What the viewer may do to scenes. */
export interface SceneAbilities {
  /** Director, producer, production manager: tags, notes, most moves. */
  write: boolean;
  /** Director, producer: approve and reopen. */
  approve: boolean;
}

/**
 * The status moves `abilities` allow on `scene` (the store's rules: writers
 * move draft ⇄ broken down, omit, restore an omitted scene unless a new
 * draft removed it; approvers approve and reopen).
 */
export function statusActions(
  scene: Pick<Scene, "status" | "change">,
  abilities: SceneAbilities,
): StatusAction[] {
  if (!abilities.write) return [];
  const out: StatusAction[] = [];
  switch (scene.status) {
    case "draft":
      out.push({ to: "broken_down", label: "Mark broken down", primary: true });
      break;
    case "broken_down":
      if (abilities.approve) {
        out.push({ to: "approved", label: "Approve", primary: true });
      }
      out.push({ to: "draft", label: "Back to draft", primary: false });
      break;
    case "approved":
      if (abilities.approve) {
        out.push({ to: "broken_down", label: "Reopen", primary: false });
      }
      break;
    case "omitted":
      if (scene.change !== "removed") {
        out.push({ to: "draft", label: "Restore", primary: true });
      }
      break;
  }
  if (scene.status !== "omitted") {
    out.push({ to: "omitted", label: "Omit", primary: false });
  }
  return out;
}

/** "Scene 3" or "Scene 3 (no number)" for people. */
export function sceneName(scene: Pick<Scene, "number" | "index">): string {
  return scene.number === null
    ? `Scene ${scene.index + 1}`
    : `Scene ${scene.number}`;
}

/** The number shown in lists: the `#n#` number, else the position. */
export function sceneNumber(scene: Pick<Scene, "number" | "index">): string {
  return scene.number ?? String(scene.index + 1);
}

/** The label of a status. */
export function statusLabel(status: SceneStatus): string {
  return SCENE_STATUS_LABELS[status];
}

/** `list` with `scene` replacing the record of the same id, if newer. */
export function replaceScene(list: Scene[], scene: Scene): Scene[] {
  return list.map((s) =>
    s.id === scene.id && scene.version >= s.version ? scene : s
  );
}

/** `list` with `script` added or replaced, most recently updated first. */
export function upsertScript(list: Script[], script: Script): Script[] {
  const rest = list.filter((s) => s.id !== script.id);
  const old = list.find((s) => s.id === script.id);
  if (old && old.version > script.version) return list;
  return [script, ...rest].sort((a, b) =>
    a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
  );
}
