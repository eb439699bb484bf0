/**
 * A record as the generic record page shows it: its card, its facts and
 * where it lives in its module. The page is for the kinds with no page of
 * their own (an expense, a budget line, a file, a shot version); the others
 * have their module's page, which this names as their place.
 *
 * @module
 */
import { assets } from "@/lib/assets/store.ts";
import {
  CATEGORY_LABELS as FILE_CATEGORY_LABELS,
  formatBytes,
  kindOf,
} from "@/lib/assets/shared.ts";
import { categories, expenses } from "@/lib/budget/budget_store.ts";
import { formatMoney } from "@/lib/budget/money.ts";
import { SECTION_LABELS } from "@/lib/budget/shared.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { formatDate, formatDateTime } from "@/lib/format.ts";
import type { ServiceContext } from "@/lib/service.ts";
import { DECISION_LABELS } from "@/lib/vfx/shared.ts";
import { shots, shotVersions } from "@/lib/vfx/store.ts";
import { mayRead, RecordDirectory } from "./directory.ts";
import {
  RECORD_TYPE_LABELS,
  type RecordRef,
  type RecordView,
} from "./shared.ts";

type Details = Pick<RecordView, "facts" | "places">;

async function detailsOf(
  kv: Deno.Kv,
  directory: RecordDirectory,
  ref: RecordRef,
  timeZone: string,
): Promise<Details | null> {
  switch (ref.type) {
    case "expense": {
      const expense = await expenses.get(kv, ref.id);
      if (!expense) return null;
      const [line, currency] = await Promise.all([
        categories.get(kv, expense.categoryId),
        directory.currency(),
      ]);
      const lineName = line ? `${line.code} ${line.name}` : "A removed line";
      return {
        facts: [
          ["Amount", formatMoney(expense.amountCents, currency)],
          ["Date", formatDate(expense.date, timeZone)],
          ["Vendor", expense.vendor || "—"],
          ["Description", expense.description || "—"],
          ["Budget line", lineName],
          ["Booked by", expense.createdByName],
        ],
        places: [{
          label: `${lineName} in the budget`,
          href: `/budget#cat-${expense.categoryId}`,
        }],
      };
    }
    case "budget_category": {
      const line = await categories.get(kv, ref.id);
      if (!line) return null;
      const currency = await directory.currency();
      return {
        facts: [
          ["Account code", line.code],
          ["Section", SECTION_LABELS[line.section]],
          ["Allocated", formatMoney(line.allocatedCents, currency)],
          ["Spent", formatMoney(line.spentCents, currency)],
          ["Expenses", String(line.expenseCount)],
        ],
        places: [{
          label: "The line in the budget",
          href: `/budget#cat-${line.id}`,
        }],
      };
    }
    case "asset": {
      const file = await assets.get(kv, ref.id);
      if (!file) return null;
      return {
        facts: [
          ["Category", FILE_CATEGORY_LABELS[file.category]],
          ["Type", kindOf(file.mime, file.name)],
          ["Size", formatBytes(file.size)],
          ["Uploaded by", file.uploaderName],
          ["Uploaded", formatDateTime(file.createdAt, timeZone)],
        ],
        places: [
          { label: "The file in Assets", href: `/assets#asset-${file.id}` },
          {
            label: "Download",
            href: `/api/assets/${encodeURIComponent(file.id)}/content`,
            download: true,
          },
        ],
      };
    }
    case "version": {
      const version = await shotVersions.get(kv, ref.id);
      const shot = version && await shots.get(kv, version.shotId);
      if (!version || !shot) return null;
      const review = version.review;
      return {
        facts: [
          ["Shot", shot.code],
          ["Version", `v${version.number}`],
          ["Submitted by", version.submittedByName],
          ["Submitted", formatDateTime(version.createdAt, timeZone)],
          [
            "Review",
            review
              ? `${DECISION_LABELS[review.decision]} by ${review.byName}`
              : "Not reviewed yet",
          ],
          ["Notes", version.notes || "—"],
        ],
        places: [{
          label: `Version ${version.number} on shot ${shot.code}`,
          href: `/vfx/${shot.id}#v${version.number}`,
        }],
      };
    }
    default:
      return { facts: [], places: [] };
  }
}

/**
 * The record `ref` names as its page shows it to the actor; a
 * {@linkcode NotFoundError} when there is none or the actor may not see it
 * (never a hint that it exists).
 */
export async function recordView(
  cx: ServiceContext,
  ref: RecordRef,
  timeZone: string,
): Promise<RecordView> {
  const directory = new RecordDirectory(cx.kv);
  const found = await directory.find(ref);
  const details = found && mayRead(cx.actor, found)
    ? await detailsOf(cx.kv, directory, ref, timeZone)
    : null;
  if (!found || !details) {
    throw new NotFoundError(
      "record",
      `No ${RECORD_TYPE_LABELS[ref.type].toLowerCase()} with id ${ref.id}`,
    );
  }
  const places = details.places.length > 0
    ? details.places
    : [{ label: "Open", href: found.card.href }];
  return { card: found.card, facts: details.facts, places };
}
