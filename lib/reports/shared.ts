/**
 * The production reports, browser-safe: the tables the reports page, its
 * island and the CSV downloads show. Built by `service.ts` from each
 * module's service, so every table follows its module's read rule.
 *
 * @module
 */

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

/** A report table as a download: its file name and CSV text. */
export interface ReportCsv {
  filename: string;
  body: string;
}
