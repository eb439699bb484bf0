import { listBudget } from "./budget/budget_store.ts";
import type { Section } from "./budget/schemas.ts";
import { SECTION_LABELS } from "./budget/labels.ts";
import { SCENE_STATUS_LABELS, SCENE_STATUSES } from "./script/breakdown.ts";
import { sceneStatusCounts } from "./script/service.ts";
import { type Actor, canOpen } from "./policy.ts";
import { COLUMNS } from "./tasks/board.ts";
import { visibleTasks } from "./tasks/task_store.ts";
import { serviceContext } from "./service.ts";
import {
  SHOT_STATUSES,
  STATUS_LABELS as SHOT_STATUS_LABELS,
} from "./vfx/shared.ts";
import { listShots } from "./vfx/service.ts";

/** A table of the reports page: labelled counts or amounts. */
export interface ReportTable {
  id: string;
  title: string;
  /** What the numbers are: a count, or money in `currency` minor units. */
  unit: "count" | "cents";
  currency?: string;
  rows: { label: string; value: number; secondary?: number }[];
  /** Heading of the `secondary` column (e.g. "Allocated"). */
  secondaryLabel?: string;
}

/** The production summary as this viewer may see it. */
export interface ProductionSummary {
  tables: ReportTable[];
  generatedAt: number;
}

/**
 * Builds the reports: tasks by status and by department, budget burn by
 * section, shots by status — each only for roles that may read that module.
 */
export async function productionSummary(
  kv: Deno.Kv,
  actor: Actor,
): Promise<ProductionSummary> {
  const tables: ReportTable[] = [];
  const tasks = await visibleTasks(kv, actor);
  tables.push({
    id: "tasks-by-status",
    title: "Tasks by status",
    unit: "count",
    rows: COLUMNS.map((c) => ({
      label: c.label,
      value: tasks.filter((t) => t.status === c.status).length,
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
  if (canOpen(actor.role, "budget")) {
    const budget = await listBudget(kv);
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
  if (canOpen(actor.role, "script")) {
    // The current draft of every script: how far the breakdown has come.
    // A read: the name only labels writes, so none is needed here.
    const counts = await sceneStatusCounts(
      serviceContext(kv, { name: "", ...actor }),
    );
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
  if (canOpen(actor.role, "vfx")) {
    // A read: the name only labels writes, so none is needed here.
    const shots = await listShots(serviceContext(kv, { name: "", ...actor }));
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
  return { tables, generatedAt: Date.now() };
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
