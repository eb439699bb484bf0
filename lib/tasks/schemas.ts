import { z } from "zod";
import type { Same } from "@/lib/same_type.ts";
import { RANK_PATTERN } from "./rank.ts";
import {
  MAX_DEPARTMENT_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  type Task,
  TASK_EVENT_ACTIONS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskStatus,
  type TaskUpdateData,
} from "./shared.ts";

export { TASK_PRIORITIES, TASK_STATUSES };
export type { Task };

/** A task's status (its column). */
export const TaskStatusSchema = z.enum(TASK_STATUSES);
/** A task's priority. */
export const TaskPrioritySchema = z.enum(TASK_PRIORITIES);
/** A rank within a column (see rank.ts). */
export const RankSchema = z.string().regex(RANK_PATTERN, "Not a valid rank");

/** A task as stored. */
export const TaskSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
  description: z.string().max(MAX_DESCRIPTION_LENGTH),
  status: TaskStatusSchema,
  priority: TaskPrioritySchema,
  assigneeId: z.string().nullable(),
  department: z.string().trim().max(MAX_DEPARTMENT_LENGTH),
  dueDate: z.iso.date().nullable(),
  createdBy: z.string(),
  rank: RankSchema,
});

const fields = {
  title: z.string().trim().min(1, "Give the task a title").max(
    MAX_TITLE_LENGTH,
  ),
  description: z.string().max(
    MAX_DESCRIPTION_LENGTH,
    "At most 10,000 characters",
  ),
  status: TaskStatusSchema,
  priority: TaskPrioritySchema,
  assigneeId: z.string().min(1).nullable(),
  department: z.string().trim().max(MAX_DEPARTMENT_LENGTH),
  dueDate: z.iso.date("Use a date like 2027-03-01").nullable(),
  rank: RankSchema,
};

/** `POST /api/tasks` body. */
export const NewTaskSchema = z.object({
  title: fields.title,
  description: fields.description.default(""),
  status: fields.status.default("todo"),
  priority: fields.priority.default("medium"),
  assigneeId: fields.assigneeId.default(null),
  department: fields.department.default(""),
  dueDate: fields.dueDate.default(null),
  rank: fields.rank.optional(),
}).strict();

/** `PATCH /api/tasks/:id` body: any subset of the editable fields. */
export const TaskPatchSchema = z.object({
  title: fields.title.optional(),
  description: fields.description.optional(),
  status: fields.status.optional(),
  priority: fields.priority.optional(),
  assigneeId: fields.assigneeId.optional(),
  department: fields.department.optional(),
  dueDate: fields.dueDate.optional(),
  rank: fields.rank.optional(),
}).strict().refine(
  (p) => Object.keys(p).length > 0,
  "Change at least one field",
);

/** `GET /api/tasks` query. */
export const TaskQuerySchema = z.object({
  assignee: z.string().min(1).optional(),
  status: TaskStatusSchema.optional(),
  priority: TaskPrioritySchema.optional(),
  dueBefore: z.iso.date().optional(),
}).strict();

/** `task_update` event data (DESIGN §5). */
export const TaskUpdateDataSchema = z.object({
  action: z.enum(TASK_EVENT_ACTIONS),
  task: TaskSchema,
  previousAssigneeId: z.string().nullable().optional(),
});

// shared.ts writes the wire type by hand for the browser; this fails the
// type check the moment the schema and the type drift apart.
const sameTask: Same<z.infer<typeof TaskSchema>, Task> = true;
const sameStatus: Same<z.infer<typeof TaskStatusSchema>, TaskStatus> = true;
const sameEvent: Same<z.infer<typeof TaskUpdateDataSchema>, TaskUpdateData> =
  true;
void [sameTask, sameStatus, sameEvent];
