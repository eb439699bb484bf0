/**
 * The schedule's operations (issue #14): the board view, board ops, the
 * settings and the day out of days. Saved versions are in versions.ts.
 * Every rule comes from the policy table's `schedule` row.
 *
 * @module
 */
import { ConflictError, NotFoundError } from "@/lib/errors.ts";
import { getProduction } from "@/lib/production/store.ts";
import { assertCan, emit, type ServiceContext } from "@/lib/service.ts";
import { transact } from "@/lib/store/transaction.ts";
import { can } from "@/lib/policy.ts";
import { calendarOf, datedDays } from "./dated_days.ts";
import { type DayOutOfDays, dayOutOfDays } from "./dood.ts";
import { applyOp, type BoardOp, BoardOpError, describeOp } from "./ops.ts";
import { validateBoard } from "./moves.ts";
import { ScheduleSettingsSchema } from "./schemas.ts";
import type {
  ScheduleBoard,
  ScheduleSettings,
  ScheduleView,
} from "./shared.ts";
import { readScheduleSource, type ScheduleSource } from "./source.ts";
import {
  readVersionBoard,
  readWorkingBoard,
  scheduleVersions,
  SETTINGS_KEY,
  writeWorkingBoard,
} from "./store.ts";
import { DEFAULT_MINUTES_PER_EIGHTH } from "./days.ts";
import { listVersionMetas } from "./versions.ts";

// The board's days and the calendar are browser-safe (the stripboard
// recomputes them); re-exported for the server code that reads them here.
export { calendarOf, datedDays };

/** Throws unless the actor may read the schedule. */
export function assertScheduleReader(cx: ServiceContext): void {
  assertCan(cx, "schedule", "read", undefined, "You may not see the schedule");
}

/** The settings, or the production's defaults before they are first set. */
export async function readSettings(kv: Deno.Kv): Promise<ScheduleSettings> {
  const stored = await kv.get(SETTINGS_KEY);
  if (stored.value !== null) return ScheduleSettingsSchema.parse(stored.value);
  const production = await getProduction(kv);
  return {
    version: 0,
    startDate: production?.startDate ?? new Date().toISOString().slice(0, 10),
    workWeekdays: [1, 2, 3, 4, 5],
    daysOff: [],
    extraWorkDays: [],
    minutesPerEighth: DEFAULT_MINUTES_PER_EIGHTH,
    stripColors: {},
    dropPickupAfterDays: null,
    maxDropsPerMember: 1,
  };
}

async function timeZoneOf(kv: Deno.Kv): Promise<string> {
  return (await getProduction(kv))?.timeZone ?? "UTC";
}

/** A board made valid against the current draft's scenes. */
function validated(board: ScheduleBoard, source: ScheduleSource) {
  return validateBoard(board, source.byKey.keys()).board;
}

/**
 * The schedule as the stripboard shows it: the working board, or saved
 * version `versionId`'s (NotFoundError for one that is not).
 */
export async function getSchedule(
  cx: ServiceContext,
  versionId?: string,
): Promise<ScheduleView> {
  assertScheduleReader(cx);
  const [source, settings, timeZone, versions, working] = await Promise.all([
    readScheduleSource(cx.kv),
    readSettings(cx.kv),
    timeZoneOf(cx.kv),
    listVersionMetas(cx.kv),
    readWorkingBoard(cx.kv),
  ]);
  let stored = working.board;
  if (versionId !== undefined) {
    const version = await scheduleVersions.get(cx.kv, versionId);
    if (version === null) throw new NotFoundError("Schedule version");
    stored = await readVersionBoard(cx.kv, version);
  }
  const board = validated(stored, source);
  const scheduled = new Set(
    board.items.flatMap((i) => i.type === "strip" ? [i.sceneKey] : []),
  );
  return {
    version: working.head.version,
    versionId: versionId ?? null,
    board,
    strips: source.strips,
    days: datedDays(board, source.byKey, settings, timeZone),
    cast: source.cast,
    settings,
    timeZone,
    versions,
    omittedKeys: source.strips
      .filter((s) => s.omitted && scheduled.has(s.sceneKey))
      .map((s) => s.sceneKey),
    newKeys: board.boneyard.filter((k) => source.addedKeys.has(k)),
    canEdit: can(cx.actor, "schedule", "edit"),
  };
}

/**
 * Applies one board op to the working board and tells everyone who reads
 * the schedule; `opId` is the client's name for it (it knows its echo).
 * A {@linkcode ConflictError} (`board_conflict`) when the op no longer
 * fits the board.
 */
export async function applyBoardOp(
  cx: ServiceContext,
  op: BoardOp,
  opId: string | null = null,
): Promise<{ version: number; board: ScheduleBoard }> {
  assertCan(
    cx,
    "schedule",
    "edit",
    undefined,
    "Only the production office edits the schedule",
  );
  const source = await readScheduleSource(cx.kv);
  const { result } = await transact(cx.kv, async (tx) => {
    const { head, board } = await readWorkingBoard(tx);
    let next: ScheduleBoard;
    try {
      next = applyOp(validated(board, source), op, source.byKey);
    } catch (e) {
      if (e instanceof BoardOpError) {
        throw new ConflictError(e.message, "board_conflict", {
          version: head.version,
        });
      }
      throw e;
    }
    const after = writeWorkingBoard(tx, head, next, cx.now());
    emit(tx, cx, "schedule_update", {}, {
      action: "board",
      version: after.version,
      op,
      opId,
      summary: describeOp(op, source.byKey),
    });
    return { version: after.version, board: next };
  });
  return result;
}

/**
 * Replaces the settings (calendar, minutes per eighth, strip colours, the
 * drop/pick-up rule). `ifVersion` guards against a lost update.
 */
export async function updateSettings(
  cx: ServiceContext,
  input: Omit<ScheduleSettings, "version">,
  ifVersion?: number,
): Promise<ScheduleSettings> {
  assertCan(
    cx,
    "schedule",
    "edit",
    undefined,
    "Only the production office changes the schedule's settings",
  );
  const { result } = await transact(cx.kv, async (tx) => {
    const entry = await tx.get(SETTINGS_KEY);
    const before = entry.value === null
      ? await readSettings(cx.kv)
      : ScheduleSettingsSchema.parse(entry.value);
    if (ifVersion !== undefined && ifVersion !== before.version) {
      throw new ConflictError(
        "Someone changed the settings meanwhile; look again",
        "version_conflict",
        { current: before },
      );
    }
    const settings = ScheduleSettingsSchema.parse({
      ...input,
      version: before.version + 1,
    });
    tx.set(SETTINGS_KEY, settings);
    emit(tx, cx, "schedule_update", {}, { action: "settings", settings });
    return settings;
  });
  return result;
}

/**
 * The day out of days of the working board (or of saved version
 * `versionId`): every numbered cast member × every dated day.
 */
export async function getDayOutOfDays(
  cx: ServiceContext,
  versionId?: string,
): Promise<DayOutOfDays & { settings: ScheduleSettings; timeZone: string }> {
  const view = await getSchedule(cx, versionId);
  const dood = dayOutOfDays({
    calendar: calendarOf(view.settings, view.timeZone),
    board: view.board,
    strips: new Map(view.strips.map((s) => [s.sceneKey, s])),
    cast: view.cast,
    options: {
      dropPickupAfterDays: view.settings.dropPickupAfterDays,
      maxDropsPerMember: view.settings.maxDropsPerMember,
    },
  });
  return { ...dood, settings: view.settings, timeZone: view.timeZone };
}
