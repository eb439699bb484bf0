import { z } from "zod";
import { ROLES } from "./roles.ts";

/** Zod schema of a role. */
export const RoleSchema = z.enum(ROLES);
