/**
 * The script-revision ripple: after a draft is imported, flag every record
 * built on a scene it changed, omitted or renumbered, tell each owner once
 * in their inbox, and let owners resolve their flags — live for everyone
 * who may see the flagged record.
 *
 * Idempotent per draft: flag ids derive from (draft, scene, record), and a
 * run record commits last, with the inbox items; a ripple cut off halfway
 * is finished by the next call, and a second call after it does nothing.
 *
 * @module
 */
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors.ts";
import { type Audience, can } from "@/lib/policy.ts";
import {
  audienceOf,
  type FoundRecord,
  mayRead,
  RecordDirectory,
} from "@/lib/records/directory.ts";
import { type RecordRef, refKey } from "@/lib/records/shared.ts";
import { MANAGEMENT } from "@/lib/roles.ts";
import type { NewDraft } from "@/lib/script/schemas.ts";
import { importDraft } from "@/lib/script/service.ts";
import type { ScriptDetail } from "@/lib/script/store.ts";
import {
  draftScenes,
  scripts,
  scriptVersionId,
  scriptVersions,
} from "@/lib/script/store.ts";
import { emitTo, type ServiceContext } from "@/lib/service.ts";
import { UniqueViolationError } from "@/lib/store/errors.ts";
import { transact } from "@/lib/store/transaction.ts";
import { notify } from "@/lib/inbox/service.ts";
import { ownerNotices } from "./notify.ts";
import { scheduleNotices } from "@/lib/schedule/ripple.ts";
import { sceneDays } from "@/lib/schedule/days.ts";
import { readWorkingBoard } from "@/lib/schedule/store.ts";
import { dependentsOf, Owners } from "./dependents.ts";
import { draftImpact } from "./impact.ts";
import {
  type Flag,
  type FlagView,
  type Resolution,
  type RippleView,
} from "./shared.ts";
import { flags, type RippleRun, rippleRuns, runId } from "./store.ts";

/** Flags per commit: each is a checked read, and the log head is one more. */
const FLAGS_PER_COMMIT = 8;

async function flagId(
  scriptId: string,
  draft: number,
  sceneKey: string,
  ref: RecordRef,
) {
  const bytes = new TextEncoder().encode(
    `${scriptId}\n${draft}\n${sceneKey}\n${refKey(ref)}`,
  );
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash.slice(0, 16), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

function union(audiences: Audience[]): Audience {
  return {
    roles: [...new Set(audiences.flatMap((a) => a.roles))],
    users: [...new Set(audiences.flatMap((a) => a.users))],
  };
}

/**
 * Imports the next draft of a script and computes its ripple: the route's
 * one call. The detail gains `ripple`, the run's counts.
 */
export async function importRevision(
  cx: ServiceContext,
  scriptId: string,
  input: NewDraft,
): Promise<ScriptDetail & { ripple: RippleRun }> {
  const detail = await importDraft(cx, scriptId, input);
  const ripple = await rippleOfDraft(cx, scriptId, detail.version.number);
  return { ...detail, ripple };
}

/**
 * Flags every record that depends on a scene draft `draft` changed,
 * omitted or renumbered, and tells each owner once (see the module doc).
 */
export async function rippleOfDraft(
  cx: ServiceContext,
  scriptId: string,
  draft: number,
): Promise<RippleRun> {
  const { kv } = cx;
  const done = await rippleRuns.get(kv, runId(scriptId, draft));
  if (done) return done;
  const version = await scriptVersions.get(
    kv,
    scriptVersionId(scriptId, draft),
  );
  if (version === null) throw new NotFoundError("draft");
  const previous = draft > 1
    ? await scriptVersions.get(kv, scriptVersionId(scriptId, draft - 1))
    : null;
  const scenes = await draftScenes(kv, version);
  const impact = draftImpact(
    scenes,
    new Map(
      previous ? (await draftScenes(kv, previous)).map((s) => [s.id, s]) : [],
    ),
  );
  const dependents = await dependentsOf(kv, impact.scenes);
  const directory = new RecordDirectory(kv);
  const owners = new Owners(kv);
  const now = cx.now().toISOString();
  const scheduleNews = await scheduleNotices(kv, draft, scenes);
  const planned: { flag: Flag; found: FoundRecord }[] = [];
  for (const scene of impact.scenes) {
    for (const ref of dependents.get(scene.key) ?? []) {
      const found = await directory.find(ref);
      if (!found) continue; // a link whose record is gone
      planned.push({
        found,
        flag: {
          id: await flagId(scriptId, draft, scene.key, ref),
          version: 1,
          createdAt: now,
          updatedAt: now,
          scriptId,
          draft,
          sceneKey: scene.key,
          impact: scene.impact,
          detail: scene.detail,
          record: ref,
          ownerIds: await owners.of(ref),
          status: "open",
          note: "",
          resolvedBy: null,
          resolvedByName: null,
          resolvedAt: null,
        },
      });
    }
  }
  for (let i = 0; i < planned.length; i += FLAGS_PER_COMMIT) {
    const batch = planned.slice(i, i + FLAGS_PER_COMMIT).map((p) => p.flag);
    await transact(kv, async (tx) => {
      const existing = await tx.getMany(batch.map((f) => flags.key(f.id)));
      for (const [n, flag] of batch.entries()) {
        if (existing[n].value !== null) continue;
        const { id: _, version: _v, createdAt: _c, updatedAt: _u, ...data } =
          flag;
        await flags.insert(tx, data, {
          id: flag.id,
          now: new Date(now),
          fresh: true,
        });
      }
    });
  }
  const audience = union([
    ...planned.map((p) => audienceOf(p.found)),
    { roles: ["producer", "production_manager", "director"], users: [] },
  ]);
  try {
    const { result } = await transact(kv, async (tx) => {
      const run = await rippleRuns.insert(tx, {
        scriptId,
        draft,
        scenes: impact.scenes.length + impact.added,
        flags: planned.length,
      }, { id: runId(scriptId, draft), now: new Date(now) });
      // One notice per owner for the draft, in the run's commit.
      notify(
        tx,
        cx,
        ownerNotices(
          scriptId,
          draft,
          planned.map((p) => ({ flag: p.flag, card: p.found.card })),
        ).concat(scheduleNews).map((notice) => ({
          ...notice,
          kind: "ripple" as const,
        })),
        new Date(now),
      );
      // Nothing flagged: nobody has anything to reload.
      if (planned.length > 0) {
        emitTo(tx, cx, "ripple_update", audience, {
          action: "flagged",
          scriptId,
          draft,
        });
      }
      return run;
    });
    return result;
  } catch (error) {
    // Another caller finished this draft's ripple first.
    if (error instanceof UniqueViolationError) {
      return (await rippleRuns.get(kv, runId(scriptId, draft)))!;
    }
    throw error;
  }
}

/** Whether the actor may resolve a flag: an owner, or management. */
function mayResolve(cx: ServiceContext, flag: Flag): boolean {
  return flag.ownerIds.includes(cx.actor.id) ||
    MANAGEMENT.includes(cx.actor.role);
}

function viewOf(
  cx: ServiceContext,
  flag: Flag,
  found: FoundRecord,
): FlagView {
  return {
    id: flag.id,
    version: flag.version,
    scriptId: flag.scriptId,
    draft: flag.draft,
    sceneKey: flag.sceneKey,
    impact: flag.impact,
    // The scene's words only for who may read the script.
    detail: can(cx.actor, "script", "read") ? flag.detail : null,
    scene: `Scene ${flag.detail.before.number}`,
    record: found.card,
    owners: flag.ownerIds,
    status: flag.status,
    note: flag.note,
    resolvedByName: flag.resolvedByName,
    resolvedAt: flag.resolvedAt,
    resolvable: flag.status === "open" && mayResolve(cx, flag),
  };
}

/**
 * The flags the viewer may see, with their records' cards. With `days`, a
 * flag on the schedule names the scene's shooting day as the board has it
 * now (it may have moved since the draft).
 */
async function visibleViews(
  cx: ServiceContext,
  list: readonly Flag[],
  days?: ScheduleDays,
): Promise<FlagView[]> {
  const found = await new RecordDirectory(cx.kv).findMany(
    list.map((f) => f.record),
  );
  const onSchedule = days && list.some((f) => f.record.type === "schedule")
    ? await days()
    : null;
  const out: FlagView[] = [];
  for (const flag of list) {
    const record = found.get(refKey(flag.record));
    if (!record || !mayRead(cx.actor, record)) continue;
    const view = viewOf(cx, flag, record);
    if (onSchedule !== null && flag.record.type === "schedule") {
      const day = onSchedule.get(flag.sceneKey);
      view.record = {
        ...view.record,
        detail: day === undefined
          ? "no longer scheduled"
          : `shooting day\u00a0${day}`,
      };
    }
    out.push(view);
  }
  return out;
}

/** Each scheduled scene's shooting day, read at most once per request. */
type ScheduleDays = () => Promise<Map<string, number>>;

function scheduleDays(cx: ServiceContext): ScheduleDays {
  let days: Promise<Map<string, number>> | undefined;
  return () =>
    days ??= readWorkingBoard(cx.kv).then(({ board }) => sceneDays(board));
}

/**
 * Every draft's ripple, newest first, with the flags the viewer may see
 * (all of them, or `open` only).
 */
export async function listRipple(
  cx: ServiceContext,
  options: { open?: boolean } = {},
): Promise<RippleView> {
  const runs = (await rippleRuns.list(cx.kv))
    .sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt) || b.draft - a.draft
    );
  const titles = new Map(
    (await scripts.list(cx.kv)).map((s) => [s.id, s.title]),
  );
  const drafts = [];
  let open = 0;
  const days = scheduleDays(cx);
  for (const run of runs) {
    const list = await flags.findBy(cx.kv, "draft", run.scriptId, run.draft);
    const views = (await visibleViews(cx, list, days))
      .filter((f) => !options.open || f.status === "open");
    open += views.filter((f) => f.status === "open").length;
    drafts.push({
      scriptId: run.scriptId,
      scriptTitle: titles.get(run.scriptId) ?? "",
      draft: run.draft,
      scenes: run.scenes,
      flags: views,
    });
  }
  return { drafts, open };
}

/** The open flags on one record the viewer may see (its page shows them). */
export async function flagsOf(
  cx: ServiceContext,
  ref: RecordRef,
): Promise<FlagView[]> {
  const list = await flags.findBy(cx.kv, "open", ref.type, ref.id);
  return await visibleViews(cx, list, scheduleDays(cx));
}

/**
 * Ids of the records of one kind that have open flags the viewer may see,
 * for a board or a table to mark them.
 */
export async function flaggedIds(
  cx: ServiceContext,
  type: RecordRef["type"],
): Promise<string[]> {
  const list = await flags.findBy(cx.kv, "open", type);
  const views = await visibleViews(cx, list);
  return [...new Set(views.map((f) => f.record.ref.id))];
}

/** Resolves a flag: kept, updated, or dismissed with a note. */
export async function resolveFlag(
  cx: ServiceContext,
  id: string,
  resolution: Resolution,
  note: string,
): Promise<FlagView> {
  const flag = await flags.get(cx.kv, id);
  const found = flag && await new RecordDirectory(cx.kv).find(flag.record);
  if (!flag || !found || !mayRead(cx.actor, found)) {
    throw new NotFoundError("flag");
  }
  if (!mayResolve(cx, flag)) {
    throw new ForbiddenError(
      "Only the record's owner or management resolves this flag",
    );
  }
  const { result } = await transact(cx.kv, async (tx) => {
    const { after } = await flags.update(tx, id, (current) => {
      if (current.status !== "open") {
        throw new ConflictError(
          `${current.resolvedByName ?? "Someone"} resolved this flag already`,
        );
      }
      return {
        status: resolution,
        note,
        resolvedBy: cx.actor.id,
        resolvedByName: cx.actor.name,
        resolvedAt: cx.now().toISOString(),
      };
    }, { now: cx.now() });
    emitTo(tx, cx, "ripple_update", audienceOf(found), {
      action: "resolved",
      scriptId: after.scriptId,
      draft: after.draft,
      flagId: after.id,
      status: after.status,
    });
    return after;
  });
  // As the lists show it (a schedule flag names its day).
  const [view] = await visibleViews(cx, [result], scheduleDays(cx));
  return view ?? viewOf(cx, result, found);
}
