/**
 * The zod schemas of a production's settings, built from `shared.ts`: the
 * stored record (settings stored before a field existed read with a default
 * derived from what is there) and the `PATCH /api/productions/:id` body.
 *
 * @module
 */
import { z } from "zod";
import { isTimeZone } from "@/lib/format.ts";
import type { Same } from "@/lib/same_type.ts";
import {
  DEFAULT_SHOT_CODE_PATTERN,
  MAX_SHOT_CODE_PATTERN_LENGTH,
  parseShotCodePattern,
} from "./shot_code.ts";
import {
  DEFAULT_DEPARTMENTS,
  kindFromFormat,
  MAX_COMPANY_LENGTH,
  MAX_DEPARTMENT_LENGTH,
  MAX_DEPARTMENTS,
  MAX_SLUG_LENGTH,
  MAX_TITLE_LENGTH,
  PRODUCTION_KINDS,
  PRODUCTION_UPDATE_ACTIONS,
  type ProductionUpdateData,
  type ProductionView,
  SETTINGS_FIELDS,
  SLUG_PATTERN,
  slugify,
} from "./shared.ts";

/**
 * Fills the fields a record stored before them lacks: the slug from the
 * name, the kind from the free-text format it had, the default departments
 * and shot-code pattern. Nothing is written back: the next save stores them.
 */
function withDefaults(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return value;
  }
  const v = value as Record<string, unknown>;
  return {
    ...v,
    slug: v.slug ?? slugify(typeof v.title === "string" ? v.title : ""),
    kind: v.kind ?? kindFromFormat(v.format),
    departments: v.departments ?? [...DEFAULT_DEPARTMENTS],
    shotCodePattern: v.shotCodePattern ?? DEFAULT_SHOT_CODE_PATTERN,
    archived: v.archived ?? false,
    vfxBudgetCategoryId: v.vfxBudgetCategoryId ?? null,
  };
}

/** The production a deployment manages, as stored. */
export const ProductionSchema = z.preprocess(
  withDefaults,
  z.object({
    id: z.string(),
    version: z.number().int().positive(),
    createdAt: z.string(),
    updatedAt: z.string(),
    title: z.string().min(1).max(MAX_TITLE_LENGTH),
    slug: z.string().max(MAX_SLUG_LENGTH).regex(SLUG_PATTERN),
    kind: z.enum(PRODUCTION_KINDS),
    company: z.string().max(MAX_COMPANY_LENGTH),
    /** ISO 4217 code; budget amounts are integer minor units of it. */
    currency: z.string().regex(/^[A-Z]{3}$/),
    startDate: z.iso.date(),
    wrapDate: z.iso.date(),
    /**
     * IANA zone every date and time of the production is shown in. Stores
     * written before it existed read as UTC.
     */
    timeZone: z.string().refine(isTimeZone, "Not a known time zone").default(
      "UTC",
    ),
    departments: z.array(z.string().min(1).max(MAX_DEPARTMENT_LENGTH)).max(
      MAX_DEPARTMENTS,
    ),
    // Checked when saved; a pattern that no longer parses reads as the
    // default rule (shot_code.ts), never as a broken record.
    shotCodePattern: z.string().min(1).max(MAX_SHOT_CODE_PATTERN_LENGTH),
    archived: z.boolean(),
    vfxBudgetCategoryId: z.string().nullable(),
  }),
);

/** The production a deployment manages, as stored. */
export type Production = z.infer<typeof ProductionSchema>;

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

const DATE = z.iso.date("Give a date as YYYY-MM-DD");

const DepartmentSchema = z.string().trim()
  .min(1, "A department needs a name")
  .max(
    MAX_DEPARTMENT_LENGTH,
    `At most ${MAX_DEPARTMENT_LENGTH} characters a department`,
  );

/**
 * Each setting as a form or the API gives it, every one required: the
 * settings patch takes any of them, a new production
 * (lib/studio/schemas.ts) most of them.
 */
export const SETTINGS_FIELD_SCHEMAS = {
  title: z.string().trim().min(1, "Give the production a name").max(
    MAX_TITLE_LENGTH,
    `At most ${MAX_TITLE_LENGTH} characters`,
  ),
  slug: z.string().trim().max(
    MAX_SLUG_LENGTH,
    `At most ${MAX_SLUG_LENGTH} characters`,
  ).regex(
    SLUG_PATTERN,
    "Use lower-case letters and digits, words joined by single dashes, e.g. northern-lights",
  ),
  kind: z.enum(PRODUCTION_KINDS, {
    error: "Choose feature, series, commercial or other",
  }),
  company: z.string().trim().max(
    MAX_COMPANY_LENGTH,
    `At most ${MAX_COMPANY_LENGTH} characters`,
  ),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, {
    message: "Use a three-letter ISO 4217 code in capitals, e.g. EUR",
    abort: true,
  }).refine(
    (code) => KNOWN_CURRENCIES.has(code),
    "Not a currency code ISO 4217 knows",
  ),
  timeZone: z.string().trim().refine(
    isTimeZone,
    "Not a known time zone; use a name like Europe/Oslo",
  ).transform(canonicalZone),
  startDate: DATE,
  wrapDate: DATE,
  departments: z.array(DepartmentSchema).max(
    MAX_DEPARTMENTS,
    `At most ${MAX_DEPARTMENTS} departments`,
  ).superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, name] of list.entries()) {
      const key = name.toLocaleLowerCase("en");
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `“${name}” is listed twice`,
        });
      }
      seen.add(key);
    }
  }),
  shotCodePattern: z.string().trim().superRefine((pattern, ctx) => {
    const parsed = parseShotCodePattern(pattern);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.error });
    }
  }),
  // A budget line's id, or null for none; the service checks it exists.
  vfxBudgetCategoryId: z.string().max(128, "Not a budget line").nullable(),
};

/** `PATCH /api/productions/:id` body: any of the settings, at least one. */
export const ProductionPatchSchema = z.object(SETTINGS_FIELD_SCHEMAS).partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Change at least one setting")
  .refine(
    (p) =>
      p.startDate === undefined || p.wrapDate === undefined ||
      p.wrapDate >= p.startDate,
    {
      message: "The wrap date cannot be before the start date",
      path: ["wrapDate"],
    },
  );

/** A change to the settings. */
export type ProductionPatch = z.infer<typeof ProductionPatchSchema>;

/** `production_update` event data: the settings after the change. */
export const ProductionUpdateDataSchema = z.object({
  action: z.enum(PRODUCTION_UPDATE_ACTIONS),
  production: ProductionSchema,
  changed: z.array(z.enum(SETTINGS_FIELDS)),
});

/** The zone's canonical name ("europe/oslo" → "Europe/Oslo"). */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions()
    .timeZone;
}

// The view in shared.ts is written by hand for the browser; this fails the
// type check the moment the schema and it drift apart.
const sameView: Same<Production, ProductionView> = true;
const sameFields: Same<
  keyof ProductionPatch,
  typeof SETTINGS_FIELDS[number]
> = true;
const sameEvent: Same<
  z.infer<typeof ProductionUpdateDataSchema>,
  ProductionUpdateData
> = true;
void [sameView, sameFields, sameEvent];
