/**
 * The WebSocket wire protocol of DESIGN §5, shared by the hub and the
 * browser client: client frame schemas, server frame types, close codes.
 *
 * @module
 */
import { z } from "zod";
import type { EventActor } from "@/lib/event_actor.ts";
import type { EventType } from "@/lib/policy.ts";
import { RoleSchema } from "@/lib/role_schema.ts";
import { AssetUpdateDataSchema } from "@/lib/assets/schemas.ts";
import { BudgetUpdateDataSchema } from "@/lib/budget/schemas.ts";
import { CallSheetUpdateDataSchema } from "@/lib/callsheets/schemas.ts";
import { CommentUpdateDataSchema } from "@/lib/comments/schemas.ts";
import { InboxUpdateDataSchema } from "@/lib/inbox/schemas.ts";
import { LinkUpdateDataSchema } from "@/lib/links/schemas.ts";
import { RippleUpdateDataSchema } from "@/lib/ripple/schemas.ts";
import { ScheduleUpdateDataSchema } from "@/lib/schedule/schemas.ts";
import { ProductionUpdateDataSchema } from "@/lib/production/schemas.ts";
import { VfxUpdateDataSchema } from "@/lib/vfx/schemas.ts";
import { ScriptUpdateDataSchema } from "@/lib/script/schemas.ts";
import { TaskUpdateDataSchema } from "@/lib/tasks/schemas.ts";

export { CLOSE, HEARTBEAT_MS, MAX_FRAME_BYTES } from "./wire.ts";

/**
 * `typing` targets: `<kind>:<record id>`, e.g. `task:7f3…` (a record kind
 * of lib/records/shared.ts, or `script`).
 */
export const TypingTargetSchema = z.string().regex(
  /^(task|script|scene|element|shot|version|asset|expense|budget_category|schedule):[\w-]{1,100}$/,
  "target must look like task:<id>",
);

/** A frame the client may send. */
export const ClientFrameSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping"), t: z.number() }).strict(),
  z.object({
    type: z.literal("typing"),
    target: TypingTargetSchema,
    active: z.boolean(),
  }).strict(),
  z.object({ type: z.literal("auth"), token: z.string().min(1).max(4096) })
    .strict(),
]);

/** A frame the client may send. */
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

/** A user as frames show them. */
export const FrameUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
});

/** A user as frames show them. */
export type FrameUser = z.infer<typeof FrameUserSchema>;

/** `announcement` event data. */
export const AnnouncementDataSchema = z.object({
  id: z.string(),
  message: z.string(),
  level: z.enum(["info", "warning", "urgent"]),
  from: FrameUserSchema,
});

/** `user_update` event data. */
export const UserUpdateDataSchema = z.object({
  action: z.enum(["created", "updated", "removed"]),
  user: FrameUserSchema.extend({ active: z.boolean() }),
});

/** Data schemas per event type: each module's own event schema. */
export const EVENT_DATA_SCHEMAS = {
  task_update: TaskUpdateDataSchema,
  budget_update: BudgetUpdateDataSchema,
  script_update: ScriptUpdateDataSchema,
  vfx_update: VfxUpdateDataSchema,
  asset_update: AssetUpdateDataSchema,
  announcement: AnnouncementDataSchema,
  user_update: UserUpdateDataSchema,
  production_update: ProductionUpdateDataSchema,
  schedule_update: ScheduleUpdateDataSchema,
  callsheet_update: CallSheetUpdateDataSchema,
  link_update: LinkUpdateDataSchema,
  comment_update: CommentUpdateDataSchema,
  inbox_update: InboxUpdateDataSchema,
  ripple_update: RippleUpdateDataSchema,
} satisfies Record<EventType, z.ZodType>;

/**
 * The data of an event of type `T`, with who made the change (`by`, added
 * to every event's data as it is logged).
 */
export type EventData<T extends EventType> =
  & z.infer<typeof EVENT_DATA_SCHEMAS[T]>
  & { by?: EventActor };

/** A logged event as it travels to a client. */
export interface EventFrame<T extends EventType = EventType> {
  type: T;
  id: string;
  ts: number;
  data: EventData<T>;
}

/**
 * The user a `welcome` names: with the role held in the socket's
 * production; without one on the home socket (`/api/ws?scope=home`).
 */
export type WelcomeUser = Omit<FrameUser, "role"> & Partial<FrameUser>;

/** Every frame the server sends. */
export type ServerFrame =
  | {
    type: "welcome";
    connectionId: string;
    user: WelcomeUser;
    heartbeatMs: number;
    lastEventId: string;
    /** When the socket's access token expires (ms); refresh before. */
    expiresAt: number;
  }
  | EventFrame
  | { type: "presence"; data: { users: FrameUser[]; total: number } }
  | {
    type: "typing";
    data: { userId: string; name: string; target: string; active: boolean };
  }
  | {
    type: "upload";
    data: {
      uploadId: string;
      uploader: { id: string; name: string };
      name: string;
      bytes: number;
      total: number | null;
      phase: "uploading" | "done" | "failed";
    };
  }
  | {
    /**
     * Home socket only, ephemeral: something changed in one of your
     * productions (read its card again), or your memberships changed
     * (`memberships: true`: read the list again).
     */
    type: "home";
    data: { productionId: string; memberships: boolean };
  }
  | { type: "synced"; replayed: number }
  | { type: "resync" }
  | { type: "pong"; t: number }
  | { type: "error"; code: string; message: string };
