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
 * The steps live beside this module: import_source.ts parses and checks
 * the source, import_staging.ts stages and sweeps scenes.
 *
 * @module
 */
import { ConflictError, ValidationError } from "@/lib/errors.ts";
import { emit, type ServiceContext } from "@/lib/service.ts";
import { transact } from "@/lib/store/transaction.ts";
import {
  canonicalTags,
  ensureElements,
  tagsOf,
} from "@/lib/elements/ensure.ts";
import { planDraft } from "./diff.ts";
import { MAX_TITLE_LENGTH } from "./shared.ts";
import type { Scene, Script, ScriptVersion } from "./schemas.ts";
import {
  draftScenes,
  draftsUpTo,
  requireScript,
  revisionKey,
  type ScriptDetail,
  scriptNotFound,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "./store.ts";
import {
  keptTitlePage,
  keptWarnings,
  parseSource,
  sha256,
} from "./import_source.ts";
import {
  deleteStaged,
  type ImportMarker,
  markerKey,
  stage,
  sweepAbandonedImports,
} from "./import_staging.ts";

/** How many times an import is planned again when the script moved. */
const IMPORT_ATTEMPTS = 3;

/** What to import: a source as a new script or as a script's next draft. */
export interface ImportInput {
  /** Null for a new script (its id is made up), else the script to extend. */
  scriptId: string | null;
  title?: string;
  source: string;
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
