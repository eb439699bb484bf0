/**
 * Saved versions of the schedule: a named copy of the working board
 * ("White — locked 2027-02-01"), at most one of them locked as the
 * shooting schedule, and the comparison of two boards (which scenes moved
 * to which day). The working board stays editable while a locked version
 * stays readable as it was.
 *
 * @module
 */
import { ConflictError, NotFoundError } from "@/lib/errors.ts";
import { assertCan, emit, type ServiceContext } from "@/lib/service.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { sceneDays, splitDays } from "./days.ts";
import { validateBoard } from "./moves.ts";
import type { ScheduleVersion } from "./schemas.ts";
import {
  type BoardComparison,
  MAX_SCHEDULE_VERSIONS,
  type SceneMove,
  type ScheduleBoard,
  type ScheduleVersionMeta,
} from "./shared.ts";
import { readScheduleSource } from "./source.ts";
import {
  deleteVersionBoard,
  readVersionBoard,
  readWorkingBoard,
  scheduleVersions,
  writeVersionBoard,
} from "./store.ts";

/** A version as the API sends it: without its storage fields. */
export function versionMeta(v: ScheduleVersion): ScheduleVersionMeta {
  return {
    id: v.id,
    name: v.name,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    createdByName: v.createdByName,
    locked: v.locked,
    lockedAt: v.lockedAt,
    lockedByName: v.lockedByName,
    scheduled: v.scheduled,
    days: v.days,
  };
}

/** Every saved version, newest first. */
export async function listVersionMetas(
  kv: Deno.Kv,
): Promise<ScheduleVersionMeta[]> {
  const all = await scheduleVersions.list(kv);
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(versionMeta);
}

/** The locked version (the shooting schedule), or null. */
export async function lockedVersion(
  kv: Deno.Kv,
): Promise<ScheduleVersion | null> {
  return (await scheduleVersions.list(kv)).find((v) => v.locked) ?? null;
}

function counts(board: ScheduleBoard) {
  return {
    scheduled: board.items.filter((i) => i.type === "strip").length,
    days: splitDays(board).days.length,
  };
}

/**
 * Saves the working board as a named version, locked as the shooting
 * schedule when `lock` is set (unlocking the one locked before).
 */
export async function saveVersion(
  cx: ServiceContext,
  input: { name: string; lock: boolean },
): Promise<ScheduleVersionMeta> {
  const message = "Only the production office saves schedule versions";
  assertCan(cx, "schedule", "edit", undefined, message);
  if (input.lock) assertCan(cx, "schedule", "lock", undefined, message);
  const source = await readScheduleSource(cx.kv);
  const { result } = await transact(cx.kv, async (tx) => {
    await changeVersionSet(tx);
    // After the marker: a save or delete since then fails this commit.
    const existing = await scheduleVersions.list(cx.kv);
    if (existing.length >= MAX_SCHEDULE_VERSIONS) {
      throw new ConflictError(
        `A schedule keeps at most ${MAX_SCHEDULE_VERSIONS} versions; delete an old one first`,
        "too_many_versions",
      );
    }
    const { board: stored } = await readWorkingBoard(tx);
    const board = validateBoard(stored, source.byKey.keys()).board;
    const id = crypto.randomUUID();
    const at = cx.now().toISOString();
    if (input.lock) await unlockOthers(tx, cx, existing, id);
    const chunks = writeVersionBoard(tx, id, board);
    const saved = await scheduleVersions.insert(tx, {
      name: input.name,
      createdBy: cx.actor.id,
      createdByName: cx.actor.name,
      locked: input.lock,
      lockedAt: input.lock ? at : null,
      lockedByName: input.lock ? cx.actor.name : null,
      ...counts(board),
      chunks,
    }, { id, now: cx.now(), fresh: true });
    const meta = versionMeta(saved);
    emit(tx, cx, "schedule_update", {}, {
      action: "version_saved",
      versionMeta: meta,
    });
    return meta;
  });
  return result;
}

// Changed by every save and delete, read before the list: two saves at
// once meet on this key, so the cap on versions holds.
const SET_KEY: Deno.KvKey = ["schedule_versions_set"];

/** Marks the set of versions changed by `tx`, checked at its commit. */
async function changeVersionSet(tx: Transaction): Promise<void> {
  await tx.get(SET_KEY);
  tx.set(SET_KEY, crypto.randomUUID());
}

// Which version is locked, read and written by every lock change: two
// people locking at once meet on this key instead of both winning.
const LOCK_KEY: Deno.KvKey = ["schedule_lock"];

async function unlockOthers(
  tx: Transaction,
  cx: ServiceContext,
  versions: readonly ScheduleVersion[],
  keep: string,
): Promise<void> {
  await tx.get(LOCK_KEY);
  tx.set(LOCK_KEY, keep);
  for (const v of versions.filter((v) => v.locked && v.id !== keep)) {
    const { after } = await scheduleVersions.update(tx, v.id, () => ({
      locked: false,
      lockedAt: null,
      lockedByName: null,
    }), { now: cx.now() });
    emit(tx, cx, "schedule_update", {}, {
      action: "version_unlocked",
      versionMeta: versionMeta(after),
    });
  }
}

/** Locks version `id` as the shooting schedule (unlocking any other), or unlocks it. */
export async function setVersionLock(
  cx: ServiceContext,
  id: string,
  locked: boolean,
): Promise<ScheduleVersionMeta> {
  assertCan(
    cx,
    "schedule",
    "lock",
    undefined,
    "Only the production office locks the schedule",
  );
  const { result } = await transact(cx.kv, async (tx) => {
    const version = await scheduleVersions.get(tx, id);
    if (version === null) throw new NotFoundError("Schedule version");
    if (version.locked === locked) return versionMeta(version);
    if (locked) {
      await unlockOthers(tx, cx, await scheduleVersions.list(cx.kv), id);
    } else {
      await tx.get(LOCK_KEY);
      tx.delete(LOCK_KEY);
    }
    const { after } = await scheduleVersions.update(tx, id, () => ({
      locked,
      lockedAt: locked ? cx.now().toISOString() : null,
      lockedByName: locked ? cx.actor.name : null,
    }), { now: cx.now() });
    const meta = versionMeta(after);
    emit(tx, cx, "schedule_update", {}, {
      action: locked ? "version_locked" : "version_unlocked",
      versionMeta: meta,
    });
    return meta;
  });
  return result;
}

/** Deletes a saved version; a locked one must be unlocked first. */
export async function deleteVersion(
  cx: ServiceContext,
  id: string,
): Promise<void> {
  assertCan(
    cx,
    "schedule",
    "edit",
    undefined,
    "Only the production office deletes schedule versions",
  );
  await transact(cx.kv, async (tx) => {
    await changeVersionSet(tx);
    const version = await scheduleVersions.get(tx, id);
    if (version === null) throw new NotFoundError("Schedule version");
    if (version.locked) {
      throw new ConflictError(
        "The locked shooting schedule cannot be deleted; unlock it first",
        "locked",
      );
    }
    await scheduleVersions.remove(tx, id);
    deleteVersionBoard(tx, version);
    emit(tx, cx, "schedule_update", {}, {
      action: "version_deleted",
      versionMeta: versionMeta(version),
    });
  });
}

/** Where a scene stands on a board: its 1-based day, or null (boneyard). */
function dayOfScene(board: ScheduleBoard): Map<string, number | null> {
  const out = new Map<string, number | null>(sceneDays(board));
  for (const key of board.boneyard) out.set(key, null);
  return out;
}

/**
 * Compares two boards (`working` or a version id): every scene that
 * stands on a different day (or in or out of the boneyard), in script
 * order.
 */
export async function compareBoards(
  cx: ServiceContext,
  a: string,
  b: string,
): Promise<BoardComparison> {
  assertCan(cx, "schedule", "read", undefined, "You may not see the schedule");
  const source = await readScheduleSource(cx.kv);
  const load = async (id: string) => {
    if (id === "working") {
      const { board } = await readWorkingBoard(cx.kv);
      return { id, name: "Working schedule", board };
    }
    const version = await scheduleVersions.get(cx.kv, id);
    if (version === null) throw new NotFoundError("Schedule version");
    return {
      id,
      name: version.name,
      board: await readVersionBoard(cx.kv, version),
    };
  };
  const [first, second] = await Promise.all([load(a), load(b)]);
  const boardA = validateBoard(first.board, source.byKey.keys()).board;
  const boardB = validateBoard(second.board, source.byKey.keys()).board;
  const dayA = dayOfScene(boardA);
  const dayB = dayOfScene(boardB);
  const moves: SceneMove[] = [];
  for (const strip of source.strips) {
    const from = dayA.get(strip.sceneKey) ?? null;
    const to = dayB.get(strip.sceneKey) ?? null;
    if (from !== to) {
      moves.push({
        sceneKey: strip.sceneKey,
        number: strip.number,
        set: strip.set,
        from,
        to,
      });
    }
  }
  return {
    a: { id: first.id, name: first.name, days: splitDays(boardA).days.length },
    b: {
      id: second.id,
      name: second.name,
      days: splitDays(boardB).days.length,
    },
    moves,
  };
}
