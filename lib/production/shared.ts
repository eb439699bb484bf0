/**
 * A production's settings, browser-safe: kinds and their labels, the
 * default departments, limits, the slug rule, the view pages and the API
 * show, and how settings stored before these fields existed read. No
 * dependencies beyond other modules' shared files.
 *
 * @module
 */
import { MAX_DEPARTMENT_LENGTH } from "@/lib/tasks/shared.ts";
import type { Role } from "@/lib/roles.ts";

export { MAX_DEPARTMENT_LENGTH };

/** What kind of production it is. */
export const PRODUCTION_KINDS = [
  "feature",
  "series",
  "commercial",
  "other",
] as const;

/** What kind of production it is. */
export type ProductionKind = typeof PRODUCTION_KINDS[number];

/** The one label table of kinds (settings, dashboard). */
export const KIND_LABELS: Record<ProductionKind, string> = {
  feature: "Feature film",
  series: "Series",
  commercial: "Commercial",
  other: "Other",
};

/** The departments of a production that has not chosen its own. */
export const DEFAULT_DEPARTMENTS: readonly string[] = Object.freeze([
  "Production",
  "Direction",
  "Camera",
  "Grip & Electric",
  "Sound",
  "Art",
  "Props",
  "Costume",
  "Hair & Make-up",
  "Locations",
  "VFX",
  "Post",
  "Distribution",
]);

/** The longest production name, in characters. */
export const MAX_TITLE_LENGTH = 200;
/** The longest company name, in characters. */
export const MAX_COMPANY_LENGTH = 200;
/** The most departments a production may list. */
export const MAX_DEPARTMENTS = 60;
/** The longest slug, in characters. */
export const MAX_SLUG_LENGTH = 60;

/** A slug: lower-case letters and digits, words joined by single dashes. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The fields a producer or production manager may change, in form order. */
export const SETTINGS_FIELDS = [
  "title",
  "slug",
  "kind",
  "company",
  "currency",
  "timeZone",
  "startDate",
  "wrapDate",
  "departments",
  "shotCodePattern",
  "vfxBudgetCategoryId",
] as const;

/** A field of the settings. */
export type SettingsField = typeof SETTINGS_FIELDS[number];

/** The label of each settings field (form, errors, change history). */
export const SETTINGS_LABELS: Record<SettingsField, string> = {
  title: "Name",
  slug: "Slug",
  kind: "Kind",
  company: "Company",
  currency: "Currency",
  timeZone: "Time zone",
  startDate: "Start date",
  wrapDate: "Wrap date",
  departments: "Departments",
  shotCodePattern: "Shot-code pattern",
  vfxBudgetCategoryId: "VFX budget line",
};

/** A production as the API and pages show it to any member. */
export interface ProductionView {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The production's name ("Northern Lights"). */
  title: string;
  /** Its name in addresses: lower-case letters, digits and dashes. */
  slug: string;
  kind: ProductionKind;
  company: string;
  /** ISO 4217 code; budget amounts are integer minor units of it. */
  currency: string;
  /** IANA zone every date and time of the production is shown in. */
  timeZone: string;
  /** `YYYY-MM-DD`. */
  startDate: string;
  /** `YYYY-MM-DD`, not before `startDate`. */
  wrapDate: string;
  /** What tasks are filed under, in the production's order. */
  departments: string[];
  /** How shot codes are written (see shot_code.ts). */
  shotCodePattern: string;
  /**
   * The budget line the VFX bids show as committed cost against
   * (lib/budget/vfx_commitment.ts); null: none chosen. Only an id: the
   * line's name and figures stay with those who read the budget.
   */
  vfxBudgetCategoryId: string | null;
  /** Archived: everyone keeps reading it, nobody writes to it any more. */
  archived: boolean;
}

/**
 * What a `production_update` tells: its settings changed, or a studio
 * admin archived it (read-only from now on) or brought it back.
 */
export const PRODUCTION_UPDATE_ACTIONS = [
  "updated",
  "archived",
  "unarchived",
] as const;

/** `production_update` event data: the settings after the change. */
export interface ProductionUpdateData {
  action: typeof PRODUCTION_UPDATE_ACTIONS[number];
  production: ProductionView;
  /** The settings fields that changed (none when archived or back). */
  changed: SettingsField[];
}

/**
 * A slug made from a name: accents dropped, lower case, anything else
 * between words a single dash ("Northern Lights" → "northern-lights").
 */
export function slugify(title: string): string {
  const slug = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH).replace(/-+$/, "");
  return slug === "" ? "production" : slug;
}

/**
 * The kind a free-text format (as stored before kinds existed) describes:
 * "Feature film" is a feature, "Limited series" a series.
 */
export function kindFromFormat(format: unknown): ProductionKind {
  const text = typeof format === "string" ? format.toLowerCase() : "";
  if (/series|episod|season|serial|mini-?series|\btv\b/.test(text)) {
    return "series";
  }
  if (/commercial|advert|\bads?\b|\bspot\b|promo/.test(text)) {
    return "commercial";
  }
  if (/feature|film|movie|short/.test(text)) return "feature";
  return "other";
}

/** The zone to show a production's dates in (UTC before seeding). */
export function timeZoneOf(
  production: { timeZone: string } | null | undefined,
): string {
  return production?.timeZone ?? "UTC";
}

/** The departments tasks pick from (the defaults before seeding). */
export function departmentsOf(
  production: { departments: readonly string[] } | null | undefined,
): readonly string[] {
  return production?.departments ?? DEFAULT_DEPARTMENTS;
}

/**
 * A production as its member's home page shows it: what it is, the
 * member's role there, and what waits for them (DESIGN §3, issue #12).
 * Counts the role may not see are null.
 */
export interface HomeCard {
  id: string;
  slug: string;
  title: string;
  kind: ProductionKind;
  archived: boolean;
  startDate: string;
  wrapDate: string;
  role: Role;
  /** Tasks assigned to the member and not done. */
  myOpenTasks: number;
  /** Of those, due before today in the production's time zone. */
  myOverdueTasks: number;
  /** Shots waiting for a review (reviewers only). */
  shotsToReview: number | null;
  /** Shots the member works on that came back with changes (VFX only). */
  shotsWithChanges: number | null;
  /** Budget burn (budget readers only). */
  budget: {
    currency: string;
    allocatedCents: number;
    spentCents: number;
    percent: number | null;
    /** 0, 80 or 100: the alert level of the burn (lib/budget/money.ts). */
    level: number;
  } | null;
}
