/**
 * What a record page's panels (components/records/RecordPanels.tsx) start
 * from: the record's open script-change flags, its links as its viewer may
 * see them, and its conversation with who is reading it. Pages load it with their own data so the panels
 * render at once, without a request from the browser.
 *
 * @module
 */
import type { Context } from "fresh";
import type { CommentPanel } from "@/lib/comments/shared.ts";
import { listComments } from "@/lib/comments/service.ts";
import { NotFoundError } from "@/lib/errors.ts";
import type { RecordLinks } from "@/lib/links/shared.ts";
import { linksOf } from "@/lib/links/service.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import type { RecordRef } from "@/lib/records/shared.ts";
import { flagsOf } from "@/lib/ripple/service.ts";
import type { FlagView } from "@/lib/ripple/shared.ts";
import { MANAGEMENT } from "@/lib/roles.ts";
import type { ServiceContext } from "@/lib/service.ts";
import { serviceContextOf } from "./service_context.ts";
import type { State } from "./state.ts";

/** The panels' props for one record. */
export interface RecordPanelsData {
  record: RecordRef;
  /** The open flags the viewer may see, shown until they are resolved. */
  flags: FlagView[];
  /** Null when the links cannot be listed (a scene no current draft has). */
  links: RecordLinks | null;
  /** The conversation; null when the record cannot be found by reference. */
  comments: CommentPanel | null;
}

/** What `read` resolves to, or null when it finds no record. */
async function orNull<T>(
  read: () => Promise<T>,
): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

async function commentsOf(
  cx: ServiceContext,
  record: RecordRef,
  timeZone: string,
): Promise<CommentPanel | null> {
  const thread = await orNull(() => listComments(cx, record));
  return thread && {
    thread,
    viewerId: cx.actor.id,
    moderator: MANAGEMENT.includes(cx.actor.role),
    timeZone,
  };
}

/** The panels' data for `record`, which the page has shown the viewer may see. */
export async function recordPanels(
  ctx: Pick<Context<State>, "state">,
  record: RecordRef,
): Promise<RecordPanelsData> {
  const cx = serviceContextOf(ctx);
  const [flags, links, comments] = await Promise.all([
    flagsOf(cx, record),
    orNull(() => linksOf(cx, record)),
    commentsOf(cx, record, timeZoneOf(ctx.state.production)),
  ]);
  return { record, flags, links, comments };
}
