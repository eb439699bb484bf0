/**
 * The schedule's zod schemas, built from shared.ts: board ops as the API
 * takes them, the settings, the stored board head and versions.
 *
 * @module
 */
import { z } from "zod";
import { calendarProblems, isIsoDate } from "./calendar.ts";
import { isHexColor, STRIP_COLOR_KEYS } from "./colors.ts";
import type { BoardOp } from "./ops.ts";
import {
  BANNER_KINDS,
  MAX_BANNER_TEXT,
  MAX_CALENDAR_DATES,
  MAX_MINUTES_PER_EIGHTH,
  MAX_ROW_ID_LENGTH,
  MAX_SHOOTING_DAYS,
  MAX_VERSION_NAME,
  MIN_MINUTES_PER_EIGHTH,
  type ScheduleSettings,
  type ScheduleUpdateData,
  type Weekday,
} from "./shared.ts";
import type { Same } from "@/lib/same_type.ts";
import { SORT_KEYS } from "./sort.ts";

const DayIndex = z.number().int().min(0).max(MAX_SHOOTING_DAYS);
const RowIndex = z.number().int().min(0).max(100_000);
const SceneKey = z.string().min(1).max(128);
const RowId = z.string().regex(
  new RegExp(`^[A-Za-z0-9_-]{1,${MAX_ROW_ID_LENGTH}}$`),
  "Not a row id",
);
const CastIds = z.array(z.number().int().positive().max(100_000)).max(500);

const StripTargetSchema = z.union([
  z.object({ day: DayIndex, index: RowIndex }).strict(),
  z.object({ boneyard: z.literal(true), index: RowIndex.optional() }).strict(),
]);

const BannerFields = {
  kind: z.enum(BANNER_KINDS),
  text: z.string().trim().max(MAX_BANNER_TEXT, "Keep a banner to one line"),
  castIds: CastIds.default([]),
};

/** One board op as the API takes it (ops.ts `BoardOp`). */
export const BoardOpSchema: z.ZodType<BoardOp> = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("move_strip"),
    sceneKey: SceneKey,
    to: StripTargetSchema,
  }).strict(),
  z.object({ op: z.literal("move_day"), from: DayIndex, to: DayIndex })
    .strict(),
  z.object({ op: z.literal("add_day") }).strict(),
  z.object({ op: z.literal("split_day"), day: DayIndex, index: RowIndex })
    .strict(),
  z.object({ op: z.literal("remove_day"), day: DayIndex }).strict(),
  z.object({
    op: z.literal("add_banner"),
    id: RowId,
    day: DayIndex,
    index: RowIndex,
    ...BannerFields,
  }).strict(),
  z.object({ op: z.literal("edit_banner"), id: RowId, ...BannerFields })
    .strict(),
  z.object({ op: z.literal("remove_banner"), id: RowId }).strict(),
  z.object({
    op: z.literal("sort"),
    scope: z.union([
      z.object({ day: DayIndex }).strict(),
      z.object({ boneyard: z.literal(true) }).strict(),
    ]),
    by: z.enum(SORT_KEYS),
  }).strict(),
]) as z.ZodType<BoardOp>;

/** `POST /api/p/:slug/schedule/ops`: one op and the client's id for it. */
export const BoardOpRequestSchema = z.object({
  opId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not an op id").optional(),
  op: BoardOpSchema,
}).strict();

const IsoDate = z.string().refine(isIsoDate, "Use a date like 2027-02-01");
const WeekdaySchema = z.number().int().min(1).max(7) as z.ZodType<Weekday>;

/** The settings as stored (shared.ts `ScheduleSettings`). */
export const ScheduleSettingsSchema: z.ZodType<ScheduleSettings> = z.object({
  version: z.number().int().nonnegative(),
  startDate: IsoDate,
  workWeekdays: z.array(WeekdaySchema).max(7),
  daysOff: z.array(IsoDate).max(MAX_CALENDAR_DATES),
  extraWorkDays: z.array(IsoDate).max(MAX_CALENDAR_DATES),
  minutesPerEighth: z.number().min(MIN_MINUTES_PER_EIGHTH).max(
    MAX_MINUTES_PER_EIGHTH,
  ),
  stripColors: z.record(z.string(), z.string()),
  dropPickupAfterDays: z.number().int().min(1).max(365).nullable(),
  maxDropsPerMember: z.number().int().min(1).max(20),
}) as z.ZodType<ScheduleSettings>;

/** `PUT /api/p/:slug/schedule/settings`: every field but the version. */
export const ScheduleSettingsInputSchema = z.object({
  startDate: IsoDate,
  workWeekdays: z.array(WeekdaySchema).min(1, "Work at least one weekday")
    .max(7).transform((d) => [...new Set(d)].sort((a, b) => a - b)),
  daysOff: z.array(IsoDate).max(MAX_CALENDAR_DATES)
    .transform((d) => [...new Set(d)].sort()),
  extraWorkDays: z.array(IsoDate).max(MAX_CALENDAR_DATES)
    .transform((d) => [...new Set(d)].sort()),
  minutesPerEighth: z.number().int(
    "Minutes per eighth is a whole number",
  ).min(MIN_MINUTES_PER_EIGHTH).max(MAX_MINUTES_PER_EIGHTH),
  stripColors: z.record(z.string(), z.string()).refine(
    (c) =>
      Object.entries(c).every(([k, v]) =>
        (STRIP_COLOR_KEYS as readonly string[]).includes(k) && isHexColor(v)
      ),
    "Strip colours are #rrggbb per INT/EXT and time of day",
  ).default({}),
  dropPickupAfterDays: z.number().int().min(1).max(365).nullable(),
  maxDropsPerMember: z.number().int().min(1).max(20).default(1),
}).strict().superRefine((s, ctx) => {
  // Each problem on its field, so a form shows it there.
  for (
    const { field, message } of calendarProblems({ ...s, timeZone: "UTC" })
  ) {
    ctx.addIssue({ code: "custom", path: [field], message });
  }
});

/** `POST /api/p/:slug/schedule/versions`: a name for the saved version. */
export const SaveVersionSchema = z.object({
  name: z.string().trim().min(1, "Name the version").max(
    MAX_VERSION_NAME,
    `Keep the name under ${MAX_VERSION_NAME} characters`,
  ),
  lock: z.boolean().default(false),
}).strict();

/** `PATCH /api/p/:slug/schedule/versions/:id`: lock or unlock it. */
export const VersionLockSchema = z.object({ locked: z.boolean() }).strict();

/** `GET /api/p/:slug/schedule/compare?a=&b=`: two boards (`working` or a version id). */
export const CompareQuerySchema = z.object({
  a: z.string().min(1).max(128),
  b: z.string().min(1).max(128),
});

/** `GET /api/p/:slug/schedule?version=`: the working board or a version's. */
export const ScheduleQuerySchema = z.object({
  version: z.string().min(1).max(128).optional(),
});

/** A version as stored (its board is in chunks beside it, store.ts). */
export const ScheduleVersionSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  name: z.string(),
  createdBy: z.string(),
  createdByName: z.string(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  lockedByName: z.string().nullable(),
  scheduled: z.number().int().nonnegative(),
  days: z.number().int().nonnegative(),
  chunks: z.number().int().nonnegative(),
});

/** A saved version as stored. */
export type ScheduleVersion = z.infer<typeof ScheduleVersionSchema>;

const VersionMetaSchema = ScheduleVersionSchema.omit({
  version: true,
  updatedAt: true,
  chunks: true,
});

/** `schedule_update` event data as it travels (realtime/protocol.ts). */
export const ScheduleUpdateDataSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("board"),
    version: z.number().int().positive(),
    op: BoardOpSchema,
    opId: z.string().nullable(),
    summary: z.string(),
  }),
  z.object({ action: z.literal("settings"), settings: ScheduleSettingsSchema }),
  z.object({
    action: z.enum([
      "version_saved",
      "version_locked",
      "version_unlocked",
      "version_deleted",
    ]),
    versionMeta: VersionMetaSchema,
  }),
  z.object({
    action: z.literal("board_replaced"),
    version: z.number().int().positive(),
    summary: z.string(),
  }),
]);

const _update: Same<
  z.infer<typeof ScheduleUpdateDataSchema>,
  ScheduleUpdateData
> = true;
void _update;
