/**
 * What a record page's panels (components/records/RecordPanels.tsx) start
 * from: the record's links as its viewer may see them. Pages load it with
 * their own data so the panels render at once, without a request from the
 * browser.
 *
 * @module
 */
import type { Context } from "fresh";
import { NotFoundError } from "@/lib/errors.ts";
import type { RecordLinks } from "@/lib/links/shared.ts";
import { linksOf } from "@/lib/links/service.ts";
import type { RecordRef } from "@/lib/records/shared.ts";
import { serviceContextOf } from "./service_context.ts";
import type { State } from "./state.ts";

/** The panels' props for one record. */
export interface RecordPanelsData {
  record: RecordRef;
  /** Null when the links cannot be listed (a scene no current draft has). */
  links: RecordLinks | null;
}

/** The panels' data for `record`, which the page has shown the viewer may see. */
export async function recordPanels(
  ctx: Pick<Context<State>, "state">,
  record: RecordRef,
): Promise<RecordPanelsData> {
  try {
    return { record, links: await linksOf(serviceContextOf(ctx), record) };
  } catch (error) {
    if (error instanceof NotFoundError) return { record, links: null };
    throw error;
  }
}
