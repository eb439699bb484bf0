/**
 * Call sheets' operations (issue #14): generate a day's sheet from the
 * schedule (the locked version when there is one), edit it, take the
 * schedule's scenes again, publish it to the members it calls (an inbox
 * item each, in the same commit) and confirm receiving it. Every rule
 * comes from the policy table's `callsheets` row; a sheet the actor may
 * not read is not found, never forbidden.
 *
 * @module
 */
import { ConflictError, TooLargeError, ValidationError } from "@/lib/errors.ts";
import { notify } from "@/lib/inbox/notify.ts";
import { can, recordAudience } from "@/lib/policy.ts";
import { getProduction } from "@/lib/production/store.ts";
import { departmentsOf } from "@/lib/production/shared.ts";
import { getSchedule } from "@/lib/schedule/service.ts";
import { lockedVersion } from "@/lib/schedule/versions.ts";
import {
  assertCan,
  emitTo,
  requireRecord,
  type ServiceContext,
} from "@/lib/service.ts";
import { diffFields } from "@/lib/store/history.ts";
import { transact, type Transaction } from "@/lib/store/transaction.ts";
import { listMembers } from "@/lib/team/members.ts";
import {
  draftSheet,
  refreshedSheet,
  sceneCount,
  type ScheduleDays,
  scheduledPart,
} from "./generate.ts";
import type { CallSheetPatchInput } from "./schemas.ts";
import {
  calledIdsOf,
  type CallSheet,
  type CallSheetList,
  type CallSheetSource,
  type CallSheetUpdateData,
  type CallSheetView,
  type Confirmation,
  EDITABLE_FIELDS,
  MAX_SHEET_BYTES,
  MAX_SHEET_SCENES,
  ownerOf,
} from "./shared.ts";
import { callSheets, dropReceipts, receiptKey } from "./store.ts";
import { memberDirectory, sheetSummary, sheetView } from "./view.ts";
import { revisionNotices } from "./notices.ts";

const HISTORY_FIELDS = ["status", "revision", ...EDITABLE_FIELDS];
const OFFICE_ONLY = "Only the production office edits call sheets";

/** Whether the actor may know of the sheet (drafts: management only). */
function visible(cx: ServiceContext) {
  return (sheet: CallSheet) =>
    can(cx.actor, "callsheets", "read", ownerOf(sheet));
}

function require(
  cx: ServiceContext,
  reader: Deno.Kv | Transaction,
  id: string,
) {
  return requireRecord(callSheets, reader, id, "call sheet", visible(cx));
}

/** Logs a `callsheet_update` for who may see the sheet(s) named. */
function emitSheet(
  tx: Transaction,
  cx: ServiceContext,
  sheets: readonly CallSheet[],
  data: CallSheetUpdateData,
): void {
  const calledIds = sheets.flatMap((s) => ownerOf(s).calledIds);
  emitTo(
    tx,
    cx,
    "callsheet_update",
    recordAudience("callsheets", { calledIds }),
    data,
  );
}

function change(
  action: Exclude<CallSheetUpdateData["action"], "confirmed">,
  sheet: CallSheet,
): CallSheetUpdateData {
  return {
    action,
    id: sheet.id,
    day: sheet.day,
    version: sheet.version,
    revision: sheet.revision,
  };
}

function record(
  tx: Transaction,
  cx: ServiceContext,
  before: CallSheet | null,
  after: CallSheet,
  action: string,
) {
  tx.recordChange({
    collection: callSheets.name,
    record: after,
    actor: cx.actor,
    action,
    changes: diffFields(before, after, HISTORY_FIELDS),
  });
}

/** A {@linkcode TooLargeError} when the sheet would not fit its value. */
function assertFits(sheet: CallSheet): void {
  const bytes = new TextEncoder().encode(JSON.stringify(sheet)).byteLength;
  if (bytes > MAX_SHEET_BYTES) {
    throw new TooLargeError(
      "The call sheet is too long to store: shorten its notes or addresses",
      { maxBytes: MAX_SHEET_BYTES },
    );
  }
}

/** The schedule sheets are made from: the locked version, else the working board. */
async function scheduleOf(
  cx: ServiceContext,
): Promise<{ view: ScheduleDays; source: CallSheetSource }> {
  const locked = await lockedVersion(cx.kv);
  const view = await getSchedule(cx, locked?.id);
  return {
    view,
    source: {
      versionId: locked?.id ?? null,
      versionName: locked?.name ?? null,
    },
  };
}

/** The schedule's part of day `day`, or a ValidationError. */
function partOf(
  schedule: { view: ScheduleDays; source: CallSheetSource },
  day: number,
) {
  const part = scheduledPart(schedule.view, day, schedule.source);
  if (part === null) {
    throw new ValidationError(
      [{ path: ["day"], message: `The schedule has no shooting day ${day}` }],
    );
  }
  if (part.scenes.length > MAX_SHEET_SCENES) {
    throw new ValidationError([{
      path: ["day"],
      message:
        `Day ${day} holds ${part.scenes.length} scenes; a call sheet lists at most ${MAX_SHEET_SCENES}`,
    }]);
  }
  return part;
}

/** The sheets the actor may see, by day; the office also gets the open days. */
export async function listCallSheets(
  cx: ServiceContext,
): Promise<CallSheetList> {
  const all = (await callSheets.list(cx.kv)).filter(visible(cx))
    .sort((a, b) => a.day - b.day);
  const sheets = await Promise.all(all.map((s) => sheetSummary(cx, s)));
  const canWrite = can(cx.actor, "callsheets", "write");
  let openDays: CallSheetList["openDays"] = null;
  let source: CallSheetSource | null = null;
  if (canWrite) {
    const schedule = await scheduleOf(cx);
    source = schedule.source;
    const taken = new Set(all.map((s) => s.day));
    openDays = schedule.view.days.filter((d) => !taken.has(d.number))
      .map((d) => ({
        day: d.number,
        date: d.date,
        scenes: sceneCount(schedule.view, d.number),
      }));
  }
  const production = await getProduction(cx.kv);
  return {
    sheets,
    openDays,
    source,
    canWrite,
    seesAll: can(cx.actor, "callsheets", "read"),
    timeZone: production?.timeZone ?? "UTC",
  };
}

/** One sheet, or NotFoundError when it does not exist or is not the actor's to see. */
export async function getCallSheet(
  cx: ServiceContext,
  id: string,
): Promise<CallSheetView> {
  return await sheetView(cx, await require(cx, cx.kv, id));
}

/**
 * Generates the draft of shooting day `day` (1-based) from the schedule;
 * a {@linkcode ConflictError} (`exists`, with the sheet's id) when the day
 * has one.
 */
export async function generateCallSheet(
  cx: ServiceContext,
  day: number,
): Promise<CallSheetView> {
  assertCan(cx, "callsheets", "write", undefined, OFFICE_ONLY);
  const [existing] = await callSheets.findBy(cx.kv, "day", day);
  if (existing) {
    throw new ConflictError(
      `Day ${day} already has a call sheet; refresh it from the schedule instead`,
      "exists",
      { id: existing.id },
    );
  }
  const [schedule, production, members] = await Promise.all([
    scheduleOf(cx),
    getProduction(cx.kv),
    listMembers(cx.kv),
  ]);
  const part = partOf(schedule, day);
  const content = draftSheet(
    part,
    schedule.view,
    departmentsOf(production),
    members,
    cx.actor.id,
  );
  const { result } = await transact(cx.kv, async (tx) => {
    const sheet = await callSheets.insert(tx, content, { now: cx.now() });
    assertFits(sheet);
    emitSheet(tx, cx, [sheet], change("generated", sheet));
    record(tx, cx, null, sheet, "created");
    return sheet;
  });
  return await sheetView(cx, result);
}

/**
 * Applies `build(current)` to a sheet the office may edit: a published
 * sheet becomes a new revision (receipts start again, called members are
 * told). `ifVersion` guards a lost update.
 */
async function edit(
  cx: ServiceContext,
  id: string,
  ifVersion: number | undefined,
  action: "updated" | "refreshed",
  build: (
    current: CallSheet,
  ) => Promise<Partial<CallSheet>> | Partial<CallSheet>,
): Promise<CallSheetView> {
  const { result } = await transact(cx.kv, async (tx) => {
    const current = await require(cx, tx, id);
    assertCan(cx, "callsheets", "write", undefined, OFFICE_ONLY);
    const fields = await build(current);
    // Saving what is already there makes no revision to confirm again.
    const same = (Object.keys(fields) as (keyof CallSheet)[]).every((k) =>
      JSON.stringify(fields[k]) === JSON.stringify(current[k])
    );
    if (same && (ifVersion === undefined || ifVersion === current.version)) {
      return current;
    }
    const revised = current.status === "published";
    const now = cx.now();
    const { before, after } = await callSheets.update(tx, id, () => ({
      ...fields,
      ...(revised
        ? { revision: current.revision + 1, revisedAt: now.toISOString() }
        : {}),
    }), { ifVersion, now });
    assertFits(after);
    emitSheet(
      tx,
      cx,
      [before, after],
      change(revised ? "revised" : action, after),
    );
    if (revised) {
      await dropReceipts(tx, id, current.revision);
      notify(tx, cx, revisionNotices(after));
    }
    record(tx, cx, before, after, revised ? "revised" : action);
    return after;
  });
  return await sheetView(cx, result);
}

/** Takes the schedule's scenes, cast and sets again, keeping what was typed. */
export async function refreshCallSheet(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<CallSheetView> {
  assertCan(cx, "callsheets", "write", undefined, OFFICE_ONLY);
  const current = await require(cx, cx.kv, id);
  const schedule = await scheduleOf(cx);
  const part = partOf(schedule, current.day);
  return await edit(
    cx,
    id,
    ifVersion,
    "refreshed",
    (sheet) => refreshedSheet(sheet, part, schedule.view),
  );
}

/**
 * Edits a sheet: any editable field, lists replaced whole. A member newly
 * called must be an active member of the production.
 */
export async function updateCallSheet(
  cx: ServiceContext,
  id: string,
  patch: CallSheetPatchInput,
  ifVersion?: number,
): Promise<CallSheetView> {
  const { version, ...fields } = patch;
  const guard = ifVersion ?? version;
  const members = patch.crew ? await memberDirectory(cx.kv) : null;
  return await edit(cx, id, guard, "updated", (current) => {
    if (fields.crew && members) {
      const already = new Set(calledIdsOf(current));
      fields.crew.forEach((c, i) => {
        const member = members.get(c.userId);
        if (already.has(c.userId) || member?.active) return;
        throw new ValidationError([{
          path: ["crew", i, "userId"],
          message: "Call an active member of the production",
        }]);
      });
    }
    return fields;
  });
}

/**
 * Publishes a draft: revision 1, and an inbox item for every member it
 * calls, in the same commit. Publishing a published sheet changes nothing.
 */
export async function publishCallSheet(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<CallSheetView> {
  const { result } = await transact(cx.kv, async (tx) => {
    const current = await require(cx, tx, id);
    assertCan(
      cx,
      "callsheets",
      "publish",
      undefined,
      "Only the production office publishes call sheets",
    );
    if (current.status === "published") return current;
    const at = cx.now();
    const { before, after } = await callSheets.update(tx, id, () => ({
      status: "published",
      revision: 1,
      publishedAt: at.toISOString(),
    }), { ifVersion, now: at });
    emitSheet(tx, cx, [after], change("published", after));
    notify(tx, cx, revisionNotices(after));
    record(tx, cx, before, after, "published");
    return after;
  });
  return await sheetView(cx, result);
}

/**
 * Confirms receipt of the sheet's current revision by a member it calls;
 * confirming again keeps the first receipt.
 */
export async function confirmCallSheet(
  cx: ServiceContext,
  id: string,
): Promise<Confirmation> {
  const { result } = await transact(cx.kv, async (tx) => {
    const sheet = await require(cx, tx, id);
    assertCan(
      cx,
      "callsheets",
      "confirm",
      ownerOf(sheet),
      "Only a member this call sheet calls confirms it",
    );
    const key = receiptKey(sheet.id, sheet.revision, cx.actor.id);
    const stored = await tx.get<{ name: string; at: string }>(key);
    if (stored.value !== null) {
      return { userId: cx.actor.id, ...stored.value };
    }
    const receipt = { name: cx.actor.name, at: cx.now().toISOString() };
    tx.set(key, receipt);
    const confirmation = { userId: cx.actor.id, ...receipt };
    // Management watches receipts come in; the member hears of their own.
    const audience = recordAudience("callsheets", ownerOf(sheet));
    emitTo(
      tx,
      cx,
      "callsheet_update",
      {
        roles: audience.roles,
        users: [cx.actor.id],
      },
      {
        action: "confirmed",
        id: sheet.id,
        day: sheet.day,
        revision: sheet.revision,
        confirmation,
      } satisfies CallSheetUpdateData,
    );
    return confirmation;
  });
  return result;
}

/** Deletes a draft (a published sheet stays: members were told of it). */
export async function deleteCallSheet(
  cx: ServiceContext,
  id: string,
  ifVersion?: number,
): Promise<void> {
  await transact(cx.kv, async (tx) => {
    const sheet = await require(cx, tx, id);
    assertCan(cx, "callsheets", "write", undefined, OFFICE_ONLY);
    if (sheet.status !== "draft") {
      throw new ConflictError(
        "A published call sheet cannot be deleted; edit it instead",
        "published",
      );
    }
    const removed = await callSheets.remove(tx, id, { ifVersion });
    emitSheet(tx, cx, [removed], change("deleted", removed));
  });
}
