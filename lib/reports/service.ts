/**
 * The production reports as functions of a {@linkcode ServiceContext}: who
 * may open them is the policy table's `reports` row, and each table is
 * read through its module's service, so it shows only what that module's
 * read rule lets the actor see (and is left out when it lets them see
 * nothing).
 *
 * @module
 */
import { getBudget } from "@/lib/budget/service.ts";
import { toDecimal } from "@/lib/budget/money.ts";
import { type Section, SECTION_LABELS } from "@/lib/budget/shared.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { canOpen } from "@/lib/policy.ts";
import { SCENE_STATUS_LABELS, SCENE_STATUSES } from "@/lib/script/shared.ts";
import { sceneStatusCounts } from "@/lib/script/service.ts";
import { assertCan, type ServiceContext } from "@/lib/service.ts";
import {
  STATUS_LABELS as TASK_STATUS_LABELS,
  TASK_STATUSES,
} from "@/lib/tasks/shared.ts";
import { listTasks } from "@/lib/tasks/service.ts";
import {
  SHOT_STATUSES,
  STATUS_LABELS as SHOT_STATUS_LABELS,
} from "@/lib/vfx/shared.ts";
import { listShots } from "@/lib/vfx/service.ts";
import type { ProductionSummary, ReportCsv, ReportTable } from "./shared.ts";

/**
 * Builds the reports: tasks by status and by department, budget burn by
 * section, scenes and shots by status — each only for roles that may read
 * that module. ForbiddenError for roles the `reports` row does not admit.
 */
export async function productionSummary(
  cx: ServiceContext,
): Promise<ProductionSummary> {
  assertCan(cx, "reports", "read", undefined, "Reports are for management");
  const role = cx.actor.role;
  const tables: ReportTable[] = [];
  const tasks = await listTasks(cx);
  tables.push({
    id: "tasks-by-status",
    title: "Tasks by status",
    unit: "count",
    rows: TASK_STATUSES.map((status) => ({
      label: TASK_STATUS_LABELS[status],
      value: tasks.filter((t) => t.status === status).length,
    })),
  });
  const departments = new Map<string, number>();
  for (const task of tasks) {
    const name = task.department || "No department";
    departments.set(name, (departments.get(name) ?? 0) + 1);
  }
  tables.push({
    id: "tasks-by-department",
    title: "Tasks by department",
    unit: "count",
    rows: [...departments].sort((a, b) => b[1] - a[1])
      .map(([label, value]) => ({ label, value })),
  });
  if (canOpen(role, "budget")) {
    const budget = await getBudget(cx);
    const sections = new Map<Section, { spent: number; allocated: number }>();
    for (const c of budget.categories) {
      const entry = sections.get(c.section) ?? { spent: 0, allocated: 0 };
      entry.spent += c.spentCents;
      entry.allocated += c.allocatedCents;
      sections.set(c.section, entry);
    }
    tables.push({
      id: "budget-by-section",
      title: "Budget burn by section",
      unit: "cents",
      currency: budget.currency,
      secondaryLabel: "Allocated",
      // In top-sheet order, as the budget page lists them.
      rows: (Object.keys(SECTION_LABELS) as Section[])
        .filter((section) => sections.has(section))
        .map((section) => ({
          label: SECTION_LABELS[section],
          value: sections.get(section)!.spent,
          secondary: sections.get(section)!.allocated,
        })),
    });
  }
  if (canOpen(role, "script")) {
    // The current draft of every script: how far the breakdown has come.
    const counts = await sceneStatusCounts(cx);
    tables.push({
      id: "scenes-by-status",
      title: "Scenes by breakdown status",
      unit: "count",
      rows: SCENE_STATUSES.map((status) => ({
        label: SCENE_STATUS_LABELS[status],
        value: counts[status],
      })),
    });
  }
  if (canOpen(role, "vfx")) {
    const shots = await listShots(cx);
    tables.push({
      id: "shots-by-status",
      title: "VFX shots by status",
      unit: "count",
      rows: SHOT_STATUSES.map((status) => ({
        label: SHOT_STATUS_LABELS[status],
        value: shots.filter((s) => s.status === status).length,
      })),
    });
  }
  return { tables, generatedAt: cx.now().getTime() };
}

/**
 * Report table `id` as a CSV download (`<id>.csv`), amounts as decimal
 * strings; NotFoundError for a table the actor's summary does not hold.
 */
export async function reportCsv(
  cx: ServiceContext,
  id: string,
): Promise<ReportCsv> {
  const summary = await productionSummary(cx);
  const table = summary.tables.find((t) => t.id === id);
  if (!table) throw new NotFoundError("report");
  const body = tableCsv(
    table,
    (cents) => toDecimal(cents, table.currency ?? "EUR"),
  );
  return { filename: `${table.id}.csv`, body };
}

/** A report table as CSV (RFC 4180), amounts as decimal strings. */
export function tableCsv(
  table: ReportTable,
  toDecimal: (cents: number) => string,
): string {
  const cell = (value: string) =>
    /[",\n\r]/.test(value) || /^[=+\-@\t\r]/.test(value)
      ? `"${
        (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replaceAll('"', '""')
      }"`
      : value;
  const head = table.secondaryLabel
    ? ["Item", "Value", table.secondaryLabel]
    : ["Item", "Value"];
  const rows = table.rows.map((r) => {
    const value = table.unit === "cents" ? toDecimal(r.value) : String(r.value);
    const row = [cell(r.label), value];
    if (table.secondaryLabel) {
      row.push(
        table.unit === "cents"
          ? toDecimal(r.secondary ?? 0)
          : String(r.secondary ?? 0),
      );
    }
    return row.join(",");
  });
  return [head.join(","), ...rows].join("\r\n") + "\r\n";
}
