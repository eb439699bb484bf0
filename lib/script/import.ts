/**
 * Importing a Fountain draft: parse and check the source, plan it against
 * the current draft (diff.ts), stage its scenes, publish it in one commit.
 * Authorization is the caller's (service.ts).
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
  ConflictError,
  TooLargeError,
  UnsupportedTypeError,
  ValidationError,
} from "@/lib/errors.ts";
import { emit, type ServiceContext } from "@/lib/service.ts";
import { COMMIT_LIMITS } from "@/lib/store/kv.ts";
import { transact } from "@/lib/store/transaction.ts";
import { FountainError, parseFountain } from "@/lib/fountain/mod.ts";
import {
  canonicalTags,
  ensureElements,
  tagsOf,
} from "@/lib/elements/ensure.ts";
import { type ParsedScene, planDraft, type PlannedScene } from "./diff.ts";
import {
  MAX_SCENE_TEXT_BYTES,
  MAX_SCENES,
  MAX_SOURCE_BYTES,
  MAX_TITLE_LENGTH,
} from "./shared.ts";
import type { Scene, Script, ScriptVersion } from "./schemas.ts";
import {
  draftScenes,
  draftsUpTo,
  jsonBytes,
  requireScript,
  revisionKey,
  sceneName,
  scenes,
  type ScriptDetail,
  scriptNotFound,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "./store.ts";

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

function markerKey(importId: string): Deno.KvKey {
  return ["script_imports", importId];
}

interface ImportMarker {
  scriptId: string;
  startedAt: number;
}

/** What to import: a source as a new script or as a script's next draft. */
export interface ImportInput {
  /** Null for a new script (its id is made up), else the script to extend. */
  scriptId: string | null;
  title?: string;
  source: string;
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
        throw new TooLargeError(
          `The script has ${error.sceneCount} scenes; at most ${MAX_SCENES} are supported`,
        );
      }
      throw error.code === "too_large"
        ? new TooLargeError(
          `The script is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`,
        )
        : new UnsupportedTypeError(
          "That is not a Fountain text file: it looks like binary data (export the script as Fountain or plain text)",
        );
    }
    throw error;
  }
  if (parsed.scenes.length === 0) {
    throw new ValidationError([{
      path: ["source"],
      message:
        "No scene headings found: start each scene with a heading like INT. KITCHEN - DAY",
    }], "The request is invalid");
  }
  for (const scene of parsed.scenes) {
    const bytes = jsonBytes([scene.heading, scene.characters, scene.elements]);
    if (bytes > MAX_SCENE_TEXT_BYTES) {
      throw new TooLargeError(
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

/**
 * Makes the missing elements of a published draft's tags (the parser's
 * cast and locations, the breakdowns carried over), cast numbered in
 * script order. After the publishing commit, which has no room for them;
 * a failure leaves the draft published, so it is logged, not thrown: the
 * next tag edit of a scene makes its elements.
 */
async function ensureDraftElements(cx: ServiceContext, scenes: Scene[]) {
  try {
    await ensureElements(
      cx,
      tagsOf(
        scenes.filter((s) => s.change !== "removed").map((s) => s.breakdown),
      ),
    );
  } catch (error) {
    console.error(error);
  }
}

/** What the last commit of an import decided. */
type Published =
  | { ok: true; script: Script; version: ScriptVersion }
  | { ok: false };

/**
 * Imports a source as a new script (`scriptId: null`) or as the next draft
 * of a script, as `cx.actor` at `cx.now()`; see the module documentation
 * for how it stays invisible until complete. `withEvent: false` (the seed)
 * appends no event. Returns the script with the new draft.
 */
export async function runImport(
  cx: ServiceContext,
  input: ImportInput,
  withEvent = true,
): Promise<ScriptDetail> {
  const { kv, actor } = cx;
  if (input.scriptId !== null) await requireScript(kv, input.scriptId);
  const parsed = await parseSource(input.source);
  const title = (input.title ?? parsed.title ?? "").replace(/\s+/g, " ")
    .trim().slice(0, MAX_TITLE_LENGTH);
  if (input.scriptId === null && title === "") {
    throw new ValidationError([{
      path: ["title"],
      message:
        "Give the script a title (or put one on its title page: Title: …)",
    }], "The request is invalid");
  }
  const sourceHash = await sha256(input.source);
  const sourceBytes = new TextEncoder().encode(input.source).byteLength;
  // On the real clock: markers of imports running now are never swept.
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
    // Tags that name an element take its spelling: a renamed or merged
    // character keeps its element (and cast number) in the new draft.
    await canonicalTags(kv, plan.scenes.map((s) => s.breakdown));
    const draftVersion = (previous?.currentVersion ?? 0) + 1;
    const importId = crypto.randomUUID();
    const now = cx.now();
    const staged: string[] = [];
    let published: Published = { ok: false };
    try {
      await kv.set(
        markerKey(importId),
        { scriptId, startedAt: now.getTime() } satisfies ImportMarker,
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
        if (withEvent) {
          emit(tx, cx, "script_update", {}, {
            action: "imported",
            script,
            version,
            summary: { ...plan.summary, scenes: present.length },
          });
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
      const scenes = await draftScenes(kv, version);
      await ensureDraftElements(cx, scenes);
      return {
        script,
        version,
        versions: await draftsUpTo(kv, scriptId, version.number),
        scenes,
      };
    }
  }
  throw new ConflictError(
    "The script kept changing while this draft was imported (breakdown edits or another draft); try again",
  );
}
