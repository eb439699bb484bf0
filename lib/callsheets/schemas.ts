/**
 * Call sheets' zod schemas, built from shared.ts: the stored record and
 * the request bodies (generate, edit). Every text has its limit; lists
 * their most entries and no duplicates.
 *
 * @module
 */
import { z } from "zod";
import { SCENE_SETTINGS } from "@/lib/script/shared.ts";
import { DAY_NIGHTS } from "@/lib/schedule/colors.ts";
import { MAX_SHOOTING_DAYS } from "@/lib/schedule/shared.ts";
import type { Same } from "@/lib/same_type.ts";
import {
  CALL_SHEET_STATUSES,
  type CallSheet,
  type CallSheetUpdateData,
  MAX_ADDRESS_LENGTH,
  MAX_CALLED,
  MAX_DEPARTMENT_NOTES,
  MAX_GENERAL_NOTES,
  MAX_LOCATIONS,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_PHONE_LENGTH,
  MAX_SHEET_CAST,
  MAX_SHEET_SCENES,
  MAX_WEATHER_LENGTH,
  TIME_PATTERN,
} from "./shared.ts";

const time = z.string().regex(TIME_PATTERN, "Give a time as HH:MM (24-hour)");
const optionalTime = z.union([time, z.literal("")]);
const text = (max: number, what: string) =>
  z.string().trim().max(max, `${what}: at most ${max} characters`);
const named = (what: string) =>
  text(MAX_NAME_LENGTH, what).min(1, `Give the ${what.toLowerCase()}`);

/** Rejects a list with two entries of the same key. */
function unique<T>(key: (item: T) => string | number, what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string | number>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) {
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `${what} is listed twice`,
        });
      }
      seen.add(k);
    });
  };
}

const SceneSchema = z.object({
  sceneKey: z.string().max(256),
  number: z.string().max(32).nullable(),
  set: z.string().max(400),
  setting: z.enum(SCENE_SETTINGS).nullable(),
  dayNight: z.enum(DAY_NIGHTS),
  eighths: z.number().int().nonnegative(),
  synopsis: z.string().max(400),
  castIds: z.array(z.number().int().positive()).max(200),
});

/** A cast line. */
export const CastCallSchema = z.object({
  castNumber: z.number().int().positive().max(9999),
  character: named("Character"),
  actor: text(MAX_NAME_LENGTH, "Actor"),
  call: time,
  onSet: time,
  note: text(MAX_NAME_LENGTH, "Note"),
});

/** A member called, with their own time or the general call (null). */
export const CrewCallSchema = z.object({
  userId: z.string().min(1).max(256),
  call: time.nullable(),
});

/** A set's address. */
export const SetAddressSchema = z.object({
  set: named("Set"),
  address: text(MAX_ADDRESS_LENGTH, "Address"),
});

/** A department's note. */
export const DepartmentNoteSchema = z.object({
  department: named("Department"),
  text: text(MAX_NOTE_LENGTH, "Note"),
});

/** The nearest hospital. */
export const HospitalSchema = z.object({
  name: text(MAX_NAME_LENGTH, "Hospital"),
  address: text(MAX_ADDRESS_LENGTH, "Address"),
  phone: text(MAX_PHONE_LENGTH, "Phone"),
});

const castList = z.array(CastCallSchema).max(
  MAX_SHEET_CAST,
  `At most ${MAX_SHEET_CAST} cast members`,
).superRefine(unique((c) => c.castNumber, "A cast number"));
const crewList = z.array(CrewCallSchema).max(
  MAX_CALLED,
  `At most ${MAX_CALLED} members`,
).superRefine(unique((c) => c.userId, "A member"));
const locationList = z.array(SetAddressSchema).max(
  MAX_LOCATIONS,
  `At most ${MAX_LOCATIONS} sets`,
).superRefine(unique((l) => l.set.toLowerCase(), "A set"));
const noteList = z.array(DepartmentNoteSchema).max(
  MAX_DEPARTMENT_NOTES,
  `At most ${MAX_DEPARTMENT_NOTES} department notes`,
).superRefine(unique((n) => n.department.toLowerCase(), "A department"));

const AdvanceSchema = z.object({
  day: z.number().int().positive(),
  date: z.string().nullable(),
  eighths: z.number().int().nonnegative(),
  scenes: z.array(SceneSchema).max(MAX_SHEET_SCENES * 4),
});

/** A call sheet as stored. */
export const CallSheetSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  day: z.number().int().positive(),
  date: z.string().nullable(),
  totalDays: z.number().int().nonnegative(),
  source: z.object({
    versionId: z.string().nullable(),
    versionName: z.string().nullable(),
  }),
  status: z.enum(CALL_SHEET_STATUSES),
  revision: z.number().int().nonnegative(),
  publishedAt: z.string().nullable(),
  revisedAt: z.string().nullable(),
  generalCall: time,
  scenes: z.array(SceneSchema).max(MAX_SHEET_SCENES),
  cast: castList,
  crew: crewList,
  locations: locationList,
  departmentNotes: noteList,
  hospital: HospitalSchema,
  weather: text(MAX_WEATHER_LENGTH, "Weather"),
  sunrise: optionalTime,
  sunset: optionalTime,
  notes: text(MAX_GENERAL_NOTES, "Notes"),
  advance: AdvanceSchema.nullable(),
  createdBy: z.string(),
});

const _sheet: Same<z.infer<typeof CallSheetSchema>, CallSheet> = true;
void _sheet;

/** `POST /callsheets`: the 1-based shooting day to generate. */
export const GenerateSchema = z.object({
  day: z.number().int().min(1).max(MAX_SHOOTING_DAYS),
}).strict();

/**
 * `PATCH /callsheets/:id`: any editable field (lists are replaced whole);
 * `version` here or `If-Match` guards against a lost update.
 */
export const CallSheetPatchSchema = z.object({
  version: z.number().int().positive().optional(),
  generalCall: time.optional(),
  cast: castList.optional(),
  crew: crewList.optional(),
  locations: locationList.optional(),
  departmentNotes: noteList.optional(),
  hospital: HospitalSchema.optional(),
  weather: text(MAX_WEATHER_LENGTH, "Weather").optional(),
  sunrise: optionalTime.optional(),
  sunset: optionalTime.optional(),
  notes: text(MAX_GENERAL_NOTES, "Notes").optional(),
}).strict();

/** A parsed edit. */
export type CallSheetPatchInput = z.infer<typeof CallSheetPatchSchema>;

/** `POST /callsheets/:id/publish|refresh`: an optional version guard. */
export const VersionGuardSchema = z.object({
  version: z.number().int().positive().optional(),
}).strict();

/** `callsheet_update` event data as it travels (realtime/protocol.ts). */
export const CallSheetUpdateDataSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.enum([
      "generated",
      "updated",
      "refreshed",
      "published",
      "revised",
      "deleted",
    ]),
    id: z.string(),
    day: z.number().int().positive(),
    version: z.number().int().positive(),
    revision: z.number().int().nonnegative(),
  }),
  z.object({
    action: z.literal("confirmed"),
    id: z.string(),
    day: z.number().int().positive(),
    revision: z.number().int().nonnegative(),
    confirmation: z.object({
      userId: z.string(),
      name: z.string(),
      at: z.string(),
    }),
  }),
]);

const _update: Same<
  z.infer<typeof CallSheetUpdateDataSchema>,
  CallSheetUpdateData
> = true;
void _update;
