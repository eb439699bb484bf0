/**
 * A call sheet as its reader gets it: the crew with names and effective
 * calls, the receipts (management only), the reader's own call and
 * receipt, and what they may do. Server-only (reads members and receipts).
 *
 * @module
 */
import { can } from "@/lib/policy.ts";
import type { ServiceContext } from "@/lib/service.ts";
import { getProduction } from "@/lib/production/store.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { listMembers, type Member } from "@/lib/team/members.ts";
import {
  type CallSheet,
  type CallSheetSummary,
  type CallSheetView,
  type Confirmation,
  type CrewCallView,
  ownerOf,
  stateOf,
} from "./shared.ts";
import { countReceipts, readReceipts, receiptKey } from "./store.ts";
import type { StoredReceipt } from "./store.ts";

/** Names and roles of the production's members, by id. */
export async function memberDirectory(
  kv: Deno.Kv,
): Promise<Map<string, Member>> {
  return new Map((await listMembers(kv)).map((m) => [m.id, m]));
}

/** The crew lines of a sheet with names and effective calls. */
export function crewView(
  sheet: CallSheet,
  members: ReadonlyMap<string, Member>,
): CrewCallView[] {
  return sheet.crew.map((c) => {
    const member = members.get(c.userId);
    return {
      userId: c.userId,
      name: member?.name ?? "A former member",
      role: member?.role ?? null,
      call: c.call ?? sheet.generalCall,
      own: c.call !== null,
    };
  });
}

/** Whether management reads the receipts (everyone else their own). */
function seesReceipts(cx: ServiceContext): boolean {
  return can(cx.actor, "callsheets", "read");
}

function receiptOf(
  userId: string,
  stored: StoredReceipt,
): Confirmation {
  return { userId, name: stored.name, at: stored.at };
}

/** The whole view of one sheet for the actor. */
export async function sheetView(
  cx: ServiceContext,
  sheet: CallSheet,
): Promise<CallSheetView> {
  const [production, members, receipts] = await Promise.all([
    getProduction(cx.kv),
    memberDirectory(cx.kv),
    readReceipts(cx.kv, sheet.id, sheet.revision),
  ]);
  const called = sheet.crew.find((c) => c.userId === cx.actor.id);
  const mine = receipts.get(cx.actor.id);
  return {
    sheet,
    state: stateOf(sheet),
    productionTitle: production?.title ?? "",
    timeZone: timeZoneOf(production),
    crew: crewView(sheet, members),
    confirmations: seesReceipts(cx)
      ? [...receipts].map(([id, r]) => receiptOf(id, r))
        .sort((a, b) => a.at.localeCompare(b.at))
      : null,
    mine: {
      called: called !== undefined,
      call: called ? called.call ?? sheet.generalCall : null,
      confirmedAt: mine?.at ?? null,
    },
    canEdit: can(cx.actor, "callsheets", "write"),
    canPublish: can(cx.actor, "callsheets", "publish"),
    canConfirm: can(cx.actor, "callsheets", "confirm", ownerOf(sheet)),
  };
}

/** One line of the list for the actor. */
export async function sheetSummary(
  cx: ServiceContext,
  sheet: CallSheet,
): Promise<CallSheetSummary> {
  const called = sheet.crew.find((c) => c.userId === cx.actor.id);
  const [confirmed, mine] = await Promise.all([
    seesReceipts(cx) && sheet.status === "published"
      ? countReceipts(cx.kv, sheet.id, sheet.revision)
      : Promise.resolve(seesReceipts(cx) ? 0 : null),
    called && sheet.status === "published"
      ? cx.kv.get<StoredReceipt>(
        receiptKey(sheet.id, sheet.revision, cx.actor.id),
      )
      : Promise.resolve(null),
  ]);
  return {
    id: sheet.id,
    day: sheet.day,
    date: sheet.date,
    totalDays: sheet.totalDays,
    state: stateOf(sheet),
    revision: sheet.revision,
    version: sheet.version,
    scenes: sheet.scenes.length,
    called: sheet.crew.length,
    confirmed,
    mine: called
      ? {
        call: called.call ?? sheet.generalCall,
        confirmedAt: mine?.value?.at ?? null,
      }
      : null,
  };
}
