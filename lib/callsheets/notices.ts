/**
 * The inbox items of a published call sheet: one per member it calls,
 * naming the day, the date and their own call, leading to the sheet.
 *
 * @module
 */
import type { NewInboxItem } from "@/lib/inbox/shared.ts";
import { type CallSheet, dayLabel, sheetDate, sheetHref } from "./shared.ts";

/** One item per called member for the sheet's current revision. */
export function revisionNotices(sheet: CallSheet): NewInboxItem[] {
  const when = `${dayLabel(sheet)}, ${sheetDate(sheet.date)}`;
  const title = sheet.revision > 1
    ? `Revised call sheet (revision ${sheet.revision}): ${when}`
    : `Call sheet: ${when}`;
  return sheet.crew.map((c) => ({
    userId: c.userId,
    kind: "call_sheet",
    title,
    body: `Your call: ${c.call ?? sheet.generalCall}. ${
      sheet.revision > 1
        ? "The sheet changed: confirm you received this revision."
        : "Confirm you received it."
    }`,
    href: sheetHref(sheet.id),
  }));
}
