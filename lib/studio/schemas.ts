/**
 * The zod schemas of the studio API's bodies: a new production (built
 * from the settings' own field checks, so a name or a slug is refused
 * with the same words as on the settings page), a new account and a
 * change to one.
 *
 * @module
 */
import { z } from "zod";
import { SETTINGS_FIELD_SCHEMAS as SETTING } from "@/lib/production/schemas.ts";
import { PasswordSchema } from "@/lib/team/schemas.ts";
import { NameSchema, UsernameSchema } from "@/lib/team/users.ts";

/**
 * `POST /api/productions` body: the settings a production starts with.
 * The slug defaults to one made from the name; company, departments and
 * the shot-code pattern to the defaults a new production has.
 */
export const NewProductionSchema = z.object({
  title: SETTING.title,
  slug: SETTING.slug.optional(),
  kind: SETTING.kind,
  company: SETTING.company.optional(),
  currency: SETTING.currency,
  timeZone: SETTING.timeZone,
  startDate: SETTING.startDate,
  wrapDate: SETTING.wrapDate,
  departments: SETTING.departments.optional(),
  shotCodePattern: SETTING.shotCodePattern.optional(),
}).strict().refine((p) => p.wrapDate >= p.startDate, {
  message: "The wrap date cannot be before the start date",
  path: ["wrapDate"],
});

/** `POST /api/productions` body, parsed. */
export type NewProduction = z.infer<typeof NewProductionSchema>;

/** `POST /api/accounts` body: a new account of the studio. */
export const NewAccountSchema = z.object({
  username: UsernameSchema,
  name: NameSchema,
  password: PasswordSchema,
  admin: z.boolean().optional(),
}).strict();

/** `POST /api/accounts` body, parsed. */
export type NewAccount = z.infer<typeof NewAccountSchema>;

/**
 * `PATCH /api/accounts/:id` body: at least one field. A password is a
 * reset: the account's sessions end.
 */
export const AccountPatchSchema = z.object({
  name: NameSchema.optional(),
  active: z.boolean().optional(),
  admin: z.boolean().optional(),
  password: PasswordSchema.optional(),
}).strict().refine(
  (p) => Object.keys(p).length > 0,
  "Change at least one of name, active, admin or password",
);

/** `PATCH /api/accounts/:id` body, parsed. */
export type AccountPatch = z.infer<typeof AccountPatchSchema>;
