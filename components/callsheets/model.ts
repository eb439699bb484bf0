/**
 * The call sheet pages' logic without a DOM: receipts arriving live, the
 * "confirmed 5 of 12" tally, the edit form's draft and the patch it sends,
 * and the sentences the list shows. Browser-safe.
 *
 * @module
 */
import {
  type CallSheet,
  type CallSheetPatch,
  type CallSheetSummary,
  type CallSheetUpdateData,
  type CallSheetView,
  type Confirmation,
  type CrewCallView,
  EDITABLE_FIELDS,
  type OpenDay,
  sheetDate,
} from "@/lib/callsheets/shared.ts";
import { formatEighths } from "@/lib/script/breakdown.ts";

/**
 * The view with a receipt that arrived live: added once, only for the
 * sheet's current revision; the viewer's own updates their "confirmed at".
 */
export function withConfirmation(
  view: CallSheetView,
  data: Extract<CallSheetUpdateData, { action: "confirmed" }>,
  me: string,
): CallSheetView {
  if (data.id !== view.sheet.id || data.revision !== view.sheet.revision) {
    return view;
  }
  const c = data.confirmation;
  const mine = c.userId === me
    ? { ...view.mine, confirmedAt: view.mine.confirmedAt ?? c.at }
    : view.mine;
  const list = view.confirmations;
  const confirmations = list === null || list.some((x) => x.userId === c.userId)
    ? list
    : [...list, c].sort((a, b) => a.at.localeCompare(b.at));
  return { ...view, mine, confirmations };
}

/** Who confirmed the current revision (in order) and who has not yet. */
export interface Tally {
  confirmed: (Confirmation & { call: string | null })[];
  waiting: CrewCallView[];
  total: number;
}

/** The receipts against the crew the sheet calls. */
export function tallyOf(view: CallSheetView): Tally {
  const got = new Map((view.confirmations ?? []).map((c) => [c.userId, c]));
  const calls = new Map(view.crew.map((c) => [c.userId, c.call]));
  return {
    confirmed: [...got.values()]
      .filter((c) => calls.has(c.userId))
      .map((c) => ({ ...c, call: calls.get(c.userId) ?? null })),
    waiting: view.crew.filter((c) => !got.has(c.userId)),
    total: view.crew.length,
  };
}

/** "Confirmed 5 of 12". */
export function tallyText(confirmed: number, total: number): string {
  return `Confirmed ${confirmed} of ${total}`;
}

/** What an event about sheet `id` asks of its page. */
export function eventEffect(
  data: CallSheetUpdateData,
  id: string,
): "ignore" | "confirmed" | "gone" | "reload" {
  if (data.id !== id) return "ignore";
  if (data.action === "confirmed") return "confirmed";
  if (data.action === "deleted") return "gone";
  return "reload";
}

/** The edit form's state: the editable fields as they are typed. */
export type SheetDraft = Required<CallSheetPatch>;

/** A fresh draft of `sheet`'s editable fields. */
export function draftOf(sheet: CallSheet): SheetDraft {
  const out = {} as Record<string, unknown>;
  for (const field of EDITABLE_FIELDS) {
    out[field] = structuredClone(sheet[field]);
  }
  return out as SheetDraft;
}

/** The patch of the fields that differ from `sheet`, with its version. */
export function patchOf(
  sheet: CallSheet,
  draft: SheetDraft,
): CallSheetPatch & { version: number } {
  const patch: Record<string, unknown> = { version: sheet.version };
  for (const field of EDITABLE_FIELDS) {
    if (JSON.stringify(draft[field]) !== JSON.stringify(sheet[field])) {
      patch[field] = draft[field];
    }
  }
  return patch as CallSheetPatch & { version: number };
}

/** How many fields a patch changes. */
export function changedCount(patch: CallSheetPatch): number {
  return Object.keys(patch).filter((k) => k !== "version").length;
}

/** "Day 3 · Wed 3 Feb 2027 · 2 scenes", for the generate control. */
export function openDayLabel(day: OpenDay): string {
  const scenes = `${day.scenes} ${day.scenes === 1 ? "scene" : "scenes"}`;
  return `Day ${day.day} · ${sheetDate(day.date)} · ${scenes}`;
}

/** The receipt line of a list entry, per reader. */
export function receiptLine(line: CallSheetSummary): string | null {
  if (line.state === "draft") return "Not published yet";
  if (line.confirmed !== null) return tallyText(line.confirmed, line.called);
  if (line.mine === null) return null;
  return line.mine.confirmedAt === null
    ? "Not confirmed yet"
    : "You confirmed receipt";
}

/** Pages of the scenes of a day: "2 3/8 pages". */
export function pagesText(eighths: number): string {
  const pages = formatEighths(eighths);
  return `${pages} ${
    pages === "1" || pages.endsWith("/8") && !pages.includes(" ")
      ? "page"
      : "pages"
  }`;
}
