/**
 * Scripts, their drafts and their scene breakdowns in KV, and the service the
 * HTTP API calls (DESIGN §3, §4).
 *
 * Who may do what (lib/policy.ts): every role but the distribution manager
 * reads; the director, producer and production manager import drafts and
 * edit breakdowns; only the director and the producer approve a breakdown
 * or reopen an approved one. Distribution gets a 403 for everything, even
 * for scripts that do not exist; crew and VFX get a 403 for every write.
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
 * - `["script_imports", importId]`: marks an import in progress.
 *
 * ## No half-imported script is ever visible
 *
 * A script has too many scenes for one atomic commit (KV allows 1,000
 * mutations, 100 checks and 800 KB per commit), so an import writes in two
 * phases. First the scenes are staged, in commits of at most 40 scenes /
 * 500 KB, under a fresh `importId` that no draft names yet: nothing lists
 * them (readers list a draft's scenes by its draft record's `importId`) and
 * nothing can patch them (a scene whose importId is not its draft's is a
 * 404). Then one commit writes the draft record, moves the script's
 * `currentVersion` to it (or creates the script) and appends the one
 * `script_update` event. That commit checks the script and its revision
 * counter are as they were when the diff was planned; if a breakdown was
 * edited or another draft landed meanwhile, the staged scenes are deleted
 * and the import is planned again (three tries, then a 409). Staged scenes
 * of a failed import are deleted at once; those of a crashed process are
 * swept by the next import after an hour (their `script_imports` marker
 * says which).
 *
 * @module
 */
import {
  DEFAULT_MAX_BYTES,
  FountainError,
  parseFountain,
} from "@/lib/fountain/mod.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { type Actor, audienceFor, can } from "@/lib/policy.ts";
import type { Role } from "@/lib/roles.ts";
import { VersionConflictError } from "@/lib/store/errors.ts";
import { Repository } from "@/lib/store/repository.ts";
import { COMMIT_LIMITS } from "@/lib/store/kv.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { diffFields } from "@/lib/store/history.ts";
import { type EventActor, eventActor } from "@/lib/event_actor.ts";
import {
  type Breakdown,
  BREAKDOWN_CATEGORIES,
  type BreakdownCategory,
  CATEGORY_LABELS,
  MAX_TAGS_PER_CATEGORY,
  SCENE_STATUS_LABELS,
  type SceneStatus,
  tagKey,
  uniqueTags,
} from "./breakdown.ts";
import { type ParsedScene, planDraft, type PlannedScene } from "./diff.ts";
import {
  MAX_TITLE_LENGTH,
  type NewDraft,
  type NewScript,
  type ReportScene,
  type Scene,
  type ScenePatch,
  SceneSchema,
  type Script,
  type ScriptReports,
  ScriptSchema,
  type ScriptUpdateData,
  type ScriptVersion,
  ScriptVersionSchema,
} from "./schemas.ts";

/** The user acting: id and role for the policy, name for the records. */
export type ScriptActor = Actor & { name: string };

/** Largest Fountain source, in UTF-8 bytes: the parser's limit (2 MiB). */
export const MAX_SOURCE_BYTES = DEFAULT_MAX_BYTES;
/** Largest JSON body of an import: the source plus room for escaping. */
export const MAX_IMPORT_BODY_BYTES = MAX_SOURCE_BYTES + MAX_SOURCE_BYTES / 4;
/** Most scenes in one draft (a feature has 100–250). */
export const MAX_SCENES = 1500;
/** Largest scene: heading, characters and text as JSON, in bytes. */
export const MAX_SCENE_TEXT_BYTES = 24 * 1024;
/** Largest breakdown of one scene, as JSON, in bytes. */
export const MAX_BREAKDOWN_BYTES = 16 * 1024;

/** Who approves a breakdown, or reopens an approved one. */
const APPROVERS: readonly Role[] = ["director", "producer"];
/** How many times an import is planned again when the script moved. */
const IMPORT_ATTEMPTS = 3;
/** Staging commits: at most this many scenes … */
const STAGE_SCENES = 40;
/** … and this many bytes of JSON. */
const STAGE_BYTES = 500_000;
/** An import marker older than this belongs to a crashed import. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
const WARNINGS_KEPT = 50;
const WARNING_CHARS = 300;

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

/** The id of draft `number` of script `scriptId`. */
export function scriptVersionId(scriptId: string, number: number): string {
  return `${scriptId}_v${number}`;
}

function revisionKey(scriptId: string): Deno.KvKey {
  return ["script_revisions", scriptId];
}

function markerKey(importId: string): Deno.KvKey {
  return ["script_imports", importId];
}

interface ImportMarker {
  scriptId: string;
  startedAt: number;
}

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

function assertReader(actor: Actor) {
  if (!can(actor, "script", "read")) {
    throw new ApiError(
      403,
      "forbidden",
      "The script and its breakdown are not shared with your role",
    );
  }
}

function assertWriter(actor: Actor, what: string) {
  assertReader(actor);
  if (!can(actor, "script", "write")) {
    throw new ApiError(
      403,
      "forbidden",
      `Only the director, the producer and the production manager ${what}`,
    );
  }
}

function scriptNotFound(id: string): ApiError {
  return new ApiError(404, "not_found", `No script with id ${id}`);
}

function validation(path: (string | number)[], message: string): ApiError {
  return new ApiError(400, "validation", "The request is invalid", [
    { path, message },
  ]);
}

function scriptEvent(data: ScriptUpdateData, by: EventActor) {
  return {
    type: "script_update" as const,
    audience: audienceFor("script_update"),
    data: { ...data, by },
  };
}

function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}

function sceneName(scene: { number: string | null; index: number }): string {
  return scene.number === null
    ? `scene ${scene.index + 1}`
    : `scene ${scene.number}`;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

async function requireScript(
  reader: Deno.Kv | Transaction,
  id: string,
): Promise<Script> {
  const script = await scripts.get(reader, id);
  if (script === null) throw scriptNotFound(id);
  return script;
}

/** The scenes a draft lists, in order (removed ones included). */
async function draftScenes(
  kv: Deno.Kv,
  version: ScriptVersion,
): Promise<Scene[]> {
  return await scenes.findBy(kv, "draft", version.scriptId, version.importId);
}

// ---------------------------------------------------------------------------
// Reading

/** Every script, most recently updated first. */
export async function listScripts(
  kv: Deno.Kv,
  actor: Actor,
): Promise<Script[]> {
  assertReader(actor);
  const all = await scripts.list(kv);
  return all.sort((a, b) =>
    a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
  );
}

/**
 * A script with its drafts and the scenes (with their breakdowns) of draft
 * `draft` (default: the current one). 403 for non-readers, else 404.
 */
export async function getScript(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
  draft?: number,
): Promise<ScriptDetail> {
  assertReader(actor);
  const script = await requireScript(kv, id);
  const number = draft ?? script.currentVersion;
  const version = number <= script.currentVersion
    ? await scriptVersions.get(kv, scriptVersionId(id, number))
    : null;
  if (version === null) {
    throw new ApiError(
      404,
      "not_found",
      `Script “${script.title}” has no draft ${number}`,
    );
  }
  const versions = (await scriptVersions.findBy(kv, "script", id))
    .filter((v) => v.number <= script.currentVersion);
  return { script, version, versions, scenes: await draftScenes(kv, version) };
}

/**
 * One scene of a script, of any of its drafts. 403 for non-readers, else
 * 404 when the script or the scene (in a published draft) does not exist.
 */
export async function getScene(
  kv: Deno.Kv,
  actor: Actor,
  scriptId: string,
  sceneId: string,
): Promise<Scene> {
  assertReader(actor);
  const script = await requireScript(kv, scriptId);
  const scene = await scenes.get(kv, sceneId);
  const draft = scene === null || scene.scriptId !== scriptId ||
      scene.draftVersion > script.currentVersion
    ? null
    : await scriptVersions.get(
      kv,
      scriptVersionId(scriptId, scene.draftVersion),
    );
  if (scene === null || draft === null || draft.importId !== scene.importId) {
    throw sceneNotFound(script, sceneId);
  }
  return scene;
}

function sceneNotFound(script: Script, sceneId: string): ApiError {
  return new ApiError(
    404,
    "not_found",
    `Script “${script.title}” has no scene with id ${sceneId}`,
  );
}

// ---------------------------------------------------------------------------
// Importing

interface ImportInput {
  /** Null for a new script. */
  scriptId: string | null;
  title?: string;
  source: string;
}

interface ImportOptions {
  /** Append the `script_update` event (the seed does not). */
  emit: boolean;
  /** Clock, for the seed. */
  now?: () => Date;
}

/** Parses and checks a source; every refusal is a 4xx, before any write. */
async function parseSource(source: string): Promise<{
  title: string | null;
  titlePage: Record<string, string>;
  scenes: ParsedScene[];
  warnings: string[];
}> {
  let parsed;
  try {
    // The scene cap goes to the parser, which then refuses an oversized
    // script before building and hashing its scenes (most of the work).
    parsed = await parseFountain(source, {
      maxBytes: MAX_SOURCE_BYTES,
      maxScenes: MAX_SCENES,
    });
  } catch (error) {
    if (error instanceof FountainError) {
      if (error.code === "too_many_scenes") {
        throw new ApiError(
          413,
          "payload_too_large",
          `The script has ${error.sceneCount} scenes; at most ${MAX_SCENES} are supported`,
        );
      }
      throw error.code === "too_large"
        ? new ApiError(
          413,
          "payload_too_large",
          `The script is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`,
        )
        : new ApiError(
          415,
          "unsupported_media_type",
          "That is not a Fountain text file: it looks like binary data (export the script as Fountain or plain text)",
        );
    }
    throw error;
  }
  if (parsed.scenes.length === 0) {
    throw validation(
      ["source"],
      "No scene headings found: start each scene with a heading like INT. KITCHEN - DAY",
    );
  }
  for (const scene of parsed.scenes) {
    const bytes = jsonBytes([scene.heading, scene.characters, scene.elements]);
    if (bytes > MAX_SCENE_TEXT_BYTES) {
      throw new ApiError(
        413,
        "payload_too_large",
        `${sceneName(scene).replace(/^s/, "S")} (${
          scene.heading.slice(0, 80)
        }) is too long: ${bytes} bytes, at most ${MAX_SCENE_TEXT_BYTES} per scene. Split it into shorter scenes.`,
        { index: scene.index, number: scene.number },
      );
    }
  }
  return parsed;
}

function keptWarnings(warnings: string[]): string[] {
  const kept = warnings.slice(0, WARNINGS_KEPT).map((w) =>
    w.length > WARNING_CHARS ? `${w.slice(0, WARNING_CHARS - 1)}…` : w
  );
  if (warnings.length > WARNINGS_KEPT) {
    kept.push(`${warnings.length - WARNINGS_KEPT} more warnings not shown`);
  }
  return kept;
}

function keptTitlePage(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).slice(0, 20).map((
      [k, v],
    ) => [k.slice(0, 50), v.slice(0, 500)]),
  );
}

/**
 * Deletes staged scene records (and their index entries), ten per commit:
 * each delete reads (and so checks) its record.
 */
async function deleteStaged(kv: Deno.Kv, ids: string[], importId: string) {
  for (let i = 0; i < ids.length; i += COMMIT_LIMITS.checks) {
    const chunk = ids.slice(i, i + COMMIT_LIMITS.checks);
    await transact(kv, async (tx) => {
      for (const id of chunk) {
        if ((await scenes.get(tx, id)) !== null) await scenes.remove(tx, id);
      }
    });
  }
  await kv.delete(markerKey(importId));
}

/**
 * Deletes the staged scenes of imports that never finished (their process
 * died) and started more than an hour ago. Finished imports delete their
 * marker in their last commit, so a marker that old is an abandoned import.
 */
export async function sweepAbandonedImports(
  kv: Deno.Kv,
  now = Date.now(),
): Promise<number> {
  let swept = 0;
  for await (
    const entry of kv.list<ImportMarker>({ prefix: ["script_imports"] })
  ) {
    const marker = entry.value;
    if (now - marker.startedAt < ABANDONED_AFTER_MS) continue;
    const importId = entry.key[1] as string;
    const staged = await scenes.findBy(kv, "draft", marker.scriptId, importId);
    await deleteStaged(kv, staged.map((s) => s.id), importId);
    swept++;
  }
  return swept;
}

/** Writes a draft's scenes under `importId`, invisible until published. */
async function stage(
  kv: Deno.Kv,
  planned: PlannedScene[],
  base: { scriptId: string; draftVersion: number; importId: string },
  now: Date,
  staged: string[],
) {
  let i = 0;
  while (i < planned.length) {
    const chunk: PlannedScene[] = [];
    let bytes = 0;
    while (i < planned.length && chunk.length < STAGE_SCENES) {
      const size = jsonBytes(planned[i]);
      if (chunk.length > 0 && bytes + size > STAGE_BYTES) break;
      chunk.push(planned[i++]);
      bytes += size;
    }
    const ids = chunk.map(() => crypto.randomUUID());
    // Recorded before the commit: if it fails halfway through a retry, the
    // clean-up tries these ids too (deleting an absent id is a no-op).
    staged.push(...ids);
    await transact(kv, async (tx) => {
      for (const [k, scene] of chunk.entries()) {
        await scenes.insert(tx, { ...scene, ...base }, {
          id: ids[k],
          now,
          fresh: true,
        });
      }
    });
  }
}

/** What the last commit of an import decided. */
type Published =
  | { ok: true; script: Script; version: ScriptVersion }
  | { ok: false };

/**
 * Imports a source as a new script (`scriptId: null`) or as the next draft
 * of a script; see the module documentation for how it stays invisible
 * until complete. Returns the script with the new draft.
 */
async function runImport(
  kv: Deno.Kv,
  actor: ScriptActor,
  input: ImportInput,
  options: ImportOptions,
): Promise<ScriptDetail> {
  assertWriter(actor, "import scripts");
  const clock = options.now ?? (() => new Date());
  if (input.scriptId !== null) await requireScript(kv, input.scriptId);
  const parsed = await parseSource(input.source);
  const title = (input.title ?? parsed.title ?? "").replace(/\s+/g, " ")
    .trim().slice(0, MAX_TITLE_LENGTH);
  if (input.scriptId === null && title === "") {
    throw validation(
      ["title"],
      "Give the script a title (or put one on its title page: Title: …)",
    );
  }
  const sourceHash = await sha256(input.source);
  const sourceBytes = new TextEncoder().encode(input.source).byteLength;
  await sweepAbandonedImports(kv).catch((error) => console.error(error));

  for (let attempt = 1; attempt <= IMPORT_ATTEMPTS; attempt++) {
    // What the new draft is planned against: read the revision counter
    // first, so any scene write after it shows at the last commit.
    const scriptId = input.scriptId ?? crypto.randomUUID();
    const revision = input.scriptId === null
      ? null
      : (await kv.get<number>(revisionKey(scriptId))).value;
    let previous: Script | null = null;
    let previousScenes: Scene[] = [];
    if (input.scriptId !== null) {
      previous = await requireScript(kv, scriptId);
      const version = await scriptVersions.get(
        kv,
        scriptVersionId(scriptId, previous.currentVersion),
      );
      if (version === null) throw scriptNotFound(scriptId);
      previousScenes = (await draftScenes(kv, version))
        .filter((s) => s.change !== "removed");
    }
    const plan = planDraft(previousScenes, parsed.scenes);
    const draftVersion = (previous?.currentVersion ?? 0) + 1;
    const importId = crypto.randomUUID();
    const now = clock();
    const staged: string[] = [];
    let published: Published = { ok: false };
    try {
      await kv.set(
        markerKey(importId),
        {
          scriptId,
          startedAt: now.getTime(),
        } satisfies ImportMarker,
      );
      await stage(
        kv,
        plan.scenes,
        { scriptId, draftVersion, importId },
        now,
        staged,
      );
      const present = plan.scenes.filter((s) => s.change !== "removed");
      const eighths = present.reduce((sum, s) => sum + s.eighths, 0);
      ({ result: published } = await transact(kv, async (tx) => {
        const marker = await tx.get<ImportMarker>(markerKey(importId));
        if (marker.value === null) return { ok: false } as const;
        let script: Script;
        if (previous === null) {
          script = await scripts.insert(tx, {
            title,
            currentVersion: 1,
            sceneCount: present.length,
            eighths,
            createdBy: actor.id,
            createdByName: actor.name,
          }, { id: scriptId, now });
        } else {
          const current = await scripts.get(tx, scriptId);
          if (current === null) throw scriptNotFound(scriptId);
          const rev = await tx.get<number>(revisionKey(scriptId));
          if (
            current.currentVersion !== previous.currentVersion ||
            rev.value !== revision
          ) {
            return { ok: false } as const;
          }
          ({ after: script } = await scripts.update(tx, scriptId, () => ({
            currentVersion: draftVersion,
            sceneCount: present.length,
            eighths,
          }), { now }));
        }
        const version = await scriptVersions.insert(tx, {
          scriptId,
          number: draftVersion,
          importId,
          titlePageTitle: parsed.title?.slice(0, MAX_TITLE_LENGTH) ?? null,
          titlePage: keptTitlePage(parsed.titlePage),
          sourceHash,
          sourceBytes,
          sceneCount: present.length,
          eighths,
          uploadedBy: actor.id,
          uploadedByName: actor.name,
          uploadedAt: now.toISOString(),
          warnings: keptWarnings(parsed.warnings),
          summary: plan.summary,
        }, { id: scriptVersionId(scriptId, draftVersion), now });
        tx.delete(markerKey(importId));
        if (options.emit) {
          tx.emit(scriptEvent({
            action: "imported",
            script,
            version,
            summary: { ...plan.summary, scenes: present.length },
          }, eventActor(actor)));
        }
        return { ok: true, script, version } as const;
      }));
    } finally {
      if (!published.ok) {
        await deleteStaged(kv, staged, importId).catch((error) =>
          console.error(error)
        );
      }
    }
    if (published.ok) {
      const { script, version } = published;
      const versions = (await scriptVersions.findBy(kv, "script", scriptId))
        .filter((v) => v.number <= version.number);
      return {
        script,
        version,
        versions,
        scenes: await draftScenes(kv, version),
      };
    }
  }
  throw new ApiError(
    409,
    "conflict",
    "The script kept changing while this draft was imported (breakdown edits or another draft); try again",
  );
}

/**
 * Imports a Fountain source as a new script (draft 1): every scene `draft`
 * and `added`, cast and location pre-filled. One `imported` event.
 */
export async function createScript(
  kv: Deno.Kv,
  actor: ScriptActor,
  input: NewScript,
): Promise<ScriptDetail> {
  return await runImport(kv, actor, {
    scriptId: null,
    title: input.title,
    source: input.source,
  }, { emit: true });
}

/**
 * Imports the next draft of a script: scenes matched to the current draft
 * and marked added / removed / changed / unchanged (diff.ts), breakdowns
 * carried over. The previous draft stays as read-only history. One
 * `imported` event.
 */
export async function importDraft(
  kv: Deno.Kv,
  actor: ScriptActor,
  scriptId: string,
  input: NewDraft,
): Promise<ScriptDetail> {
  return await runImport(kv, actor, {
    scriptId,
    source: input.source,
  }, { emit: true });
}

/** For the seed: an import without an event, at a given time. */
export async function importWithoutEvent(
  kv: Deno.Kv,
  actor: ScriptActor,
  input: NewScript & { scriptId?: string },
  now?: () => Date,
): Promise<ScriptDetail> {
  return await runImport(kv, actor, {
    scriptId: input.scriptId ?? null,
    title: input.title,
    source: input.source,
  }, { emit: false, now });
}

// ---------------------------------------------------------------------------
// Scene updates

/**
 * Status moves: who may make them. Anything not listed is a 409. Omitting is
 * open to every writer from any status; restoring an omitted scene (to draft
 * or broken down) too, unless a new draft removed it from the script.
 */
const MOVES: Record<
  SceneStatus,
  Partial<Record<SceneStatus, "writers" | "approvers">>
> = {
  draft: { broken_down: "writers", omitted: "writers" },
  broken_down: { draft: "writers", approved: "approvers", omitted: "writers" },
  approved: { broken_down: "approvers", omitted: "writers" },
  omitted: { draft: "writers", broken_down: "writers" },
};

function label(status: SceneStatus): string {
  return SCENE_STATUS_LABELS[status].toLowerCase();
}

function invalidMove(message: string): ApiError {
  return new ApiError(409, "invalid_transition", message);
}

/** Checks a status move; returns the status after it. */
function assertMove(
  actor: Actor,
  scene: Scene,
  to: SceneStatus | undefined,
): SceneStatus {
  const from = scene.status;
  if (to === undefined || to === from) return from;
  const who = MOVES[from][to];
  if (who === undefined) {
    if (to === "approved") {
      throw invalidMove(
        `A scene that is ${
          label(from)
        } cannot be approved; break it down first`,
      );
    }
    throw invalidMove(
      `A scene that is ${label(from)} cannot be moved to ${label(to)}${
        from === "approved" ? "; reopen it as broken down first" : ""
      }`,
    );
  }
  if (who === "approvers" && !APPROVERS.includes(actor.role)) {
    throw new ApiError(
      403,
      "forbidden",
      to === "approved"
        ? "Only the director or the producer approves a breakdown"
        : "Only the director or the producer reopens an approved breakdown",
    );
  }
  if (from === "omitted" && scene.change === "removed") {
    throw invalidMove(
      `${
        sceneName(scene).replace(/^s/, "S")
      } was removed from the script in draft ${scene.draftVersion}; it cannot be restored`,
    );
  }
  return to;
}

/** The breakdown after a patch's `breakdown`, `add` and `remove`. */
function applyTags(current: Breakdown, patch: ScenePatch): Breakdown {
  const next = structuredClone(current);
  const each = (
    changes: ScenePatch["add"],
    fn: (category: BreakdownCategory, tags: string[]) => void,
  ) => {
    for (const c of BREAKDOWN_CATEGORIES) {
      const tags = changes?.[c];
      if (tags !== undefined) fn(c, tags);
    }
  };
  each(patch.breakdown, (c, tags) => next[c] = uniqueTags(tags));
  each(patch.add, (c, tags) => next[c] = uniqueTags([...next[c], ...tags]));
  each(patch.remove, (c, tags) => {
    const gone = new Set(tags.map(tagKey));
    next[c] = next[c].filter((t) => !gone.has(tagKey(t)));
  });
  for (const c of BREAKDOWN_CATEGORIES) {
    if (next[c].length > MAX_TAGS_PER_CATEGORY) {
      throw validation(
        [patch.add?.[c] !== undefined ? "add" : "breakdown", c],
        `${CATEGORY_LABELS[c]} would have ${
          next[c].length
        } tags; at most ${MAX_TAGS_PER_CATEGORY} per category`,
      );
    }
  }
  const bytes = jsonBytes(next);
  if (bytes > MAX_BREAKDOWN_BYTES) {
    throw new ApiError(
      413,
      "payload_too_large",
      `The breakdown would be ${bytes} bytes; at most ${MAX_BREAKDOWN_BYTES} per scene`,
    );
  }
  return next;
}

/** The fields a scene's history reports: status, notes, tags per category. */
const SCENE_FIELDS = [
  "status",
  "notes",
  ...BREAKDOWN_CATEGORIES.map((c) => `breakdown.${c}`),
];

function sameTags(a: Breakdown, b: Breakdown): boolean {
  return BREAKDOWN_CATEGORIES.every((c) =>
    a[c].length === b[c].length && a[c].every((t, i) => t === b[c][i])
  );
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
  kv: Deno.Kv,
  actor: ScriptActor,
  scriptId: string,
  sceneId: string,
  patch: ScenePatch,
  ifVersion?: number,
): Promise<Scene> {
  assertWriter(actor, "edit the breakdown");
  if (patch.status === "approved" && !APPROVERS.includes(actor.role)) {
    throw new ApiError(
      403,
      "forbidden",
      "Only the director or the producer approves a breakdown",
    );
  }
  const { result } = await transact(kv, async (tx) => {
    const script = await requireScript(tx, scriptId);
    const current = await scenes.get(tx, sceneId);
    const draft = current === null || current.scriptId !== scriptId
      ? null
      : await scriptVersions.get(
        tx,
        scriptVersionId(scriptId, current.draftVersion),
      );
    // A scene of another script, or staged by an unfinished import.
    if (
      current === null || draft === null ||
      draft.importId !== current.importId ||
      current.draftVersion > script.currentVersion
    ) {
      throw sceneNotFound(script, sceneId);
    }
    if (ifVersion !== undefined && ifVersion !== current.version) {
      throw new VersionConflictError(current, ifVersion);
    }
    if (current.draftVersion !== script.currentVersion) {
      throw new ApiError(
        409,
        "read_only",
        `This scene belongs to draft ${current.draftVersion}, which is history: draft ${script.currentVersion} is current`,
        { currentVersion: script.currentVersion },
      );
    }
    const status = assertMove(actor, current, patch.status);
    const tagsTouched = patch.breakdown !== undefined ||
      patch.add !== undefined || patch.remove !== undefined;
    const breakdown = tagsTouched
      ? applyTags(current.breakdown, patch)
      : current.breakdown;
    const tagsChanged = !sameTags(breakdown, current.breakdown);
    if (tagsChanged && current.status === "approved" && status === "approved") {
      if (!APPROVERS.includes(actor.role)) {
        throw new ApiError(
          403,
          "forbidden",
          "This breakdown is approved: only the director or the producer can reopen it for changes",
        );
      }
      throw invalidMove(
        "This breakdown is approved and locked: move it back to broken down (status broken_down) to change its tags",
      );
    }
    const notes = patch.notes ?? current.notes;
    if (!tagsChanged && notes === current.notes && status === current.status) {
      return current;
    }
    const now = new Date();
    const approval = status === "approved" && current.status !== "approved"
      ? {
        approvedBy: actor.id,
        approvedByName: actor.name,
        approvedAt: now.toISOString(),
        needsReview: false,
      }
      : status !== "approved"
      ? { approvedBy: null, approvedByName: null, approvedAt: null }
      : {};
    const rev = await tx.get<number>(revisionKey(scriptId));
    tx.set(revisionKey(scriptId), (rev.value ?? 0) + 1);
    const { after } = await scenes.update(
      tx,
      sceneId,
      () => ({ breakdown, notes, status, ...approval }),
      { ifVersion, now },
    );
    tx.recordChange({
      collection: scenes.name,
      record: after,
      actor,
      action: "updated",
      changes: diffFields(current, after, SCENE_FIELDS),
    });
    tx.emit(
      scriptEvent({ action: "scene_updated", scene: after }, eventActor(actor)),
    );
    return after;
  });
  return result;
}

// ---------------------------------------------------------------------------
// Reports

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

/** Reports of a script's current draft (see {@linkcode buildReports}). */
export async function getReports(
  kv: Deno.Kv,
  actor: Actor,
  id: string,
): Promise<ScriptReports> {
  const { script, scenes } = await getScript(kv, actor, id);
  return {
    scriptId: script.id,
    draftVersion: script.currentVersion,
    ...buildReports(scenes),
  };
}
