/**
 * "Since you last looked": on each module page and the dashboard, what
 * others changed since the viewer's previous visit to that page, read from
 * the production's event log. Only events the viewer is in the audience of
 * (the policy decided it when the event was logged), only the page's
 * module's event types (the dashboard: all), never the viewer's own. The
 * log keeps events for its retention window: a visit older than what it
 * still holds says so, and each record's history has the rest.
 *
 * @module
 */
import { inAudience, POLICY } from "@/lib/policy.ts";
import type { ServiceContext } from "@/lib/service.ts";
import {
  eventId,
  eventRetentionMs,
  eventSeq,
  latestEventId,
  readEventsAfter,
  type StoredEvent,
} from "@/lib/store/event_log.ts";
import { collectChanges, eventActorId } from "./changes.ts";
import {
  type ChangeCount,
  type LastSeenPage,
  MAX_LINES,
  nothingSince,
  PAGE_MODULES,
  type RecordNoun,
  type SinceLastLooked,
} from "./shared.ts";
import { oldestEventSeq, readMark, writeMark } from "./store.ts";

/** Events read at most per visit (the newest, when more came since). */
export const MAX_SCAN = 5_000;
/** Events per read of the log. */
const READ_PAGE = 500;
/** Records of the page marked at most (the highlights' props stay small). */
const MAX_MARKS = 500;

/** The records whose cards or rows each page can mark. */
const PAGE_NOUNS: Readonly<Record<LastSeenPage, readonly RecordNoun[]>> = {
  dashboard: [],
  tasks: ["task"],
  budget: ["budget_category", "expense"],
  script: ["script"],
  vfx: ["shot"],
  assets: ["file"],
};

/** What {@linkcode sinceLastLooked} needs beyond the context. */
export interface SinceOptions {
  /** The production's currency, for expense amounts in lines. */
  currency?: string;
  /** Events read at most ({@linkcode MAX_SCAN}). */
  scan?: number;
}

/** The events after `after` up to `head`, in log order, bounded. */
async function eventsSince(
  kv: Deno.Kv,
  after: string,
  head: string,
  scan: number,
): Promise<{ events: StoredEvent[]; olderThanLog: boolean; capped: boolean }> {
  const headSeq = eventSeq(head) ?? 0;
  let from = eventSeq(after);
  // A mark ahead of the log (a store started over) has nothing to tell.
  if (from === null || from >= headSeq) {
    return { events: [], olderThanLog: false, capped: false };
  }
  const capped = headSeq - from > scan;
  if (capped) from = headSeq - scan;
  let page = await readEventsAfter(kv, eventId(from), READ_PAGE);
  let olderThanLog = false;
  if (page.resync) {
    // What came right after the mark has expired: read what is left.
    olderThanLog = true;
    const oldest = await oldestEventSeq(kv);
    if (oldest === null || oldest > headSeq) {
      return { events: [], olderThanLog, capped };
    }
    page = await readEventsAfter(kv, eventId(oldest - 1), READ_PAGE);
  }
  const events: StoredEvent[] = [];
  while (!page.resync) {
    for (const event of page.events) {
      if (event.id > head) return { events, olderThanLog, capped };
      events.push(event);
    }
    const last = page.events.at(-1);
    if (!page.more || last === undefined || last.id >= head) break;
    page = await readEventsAfter(kv, last.id, READ_PAGE);
  }
  return { events, olderThanLog, capped };
}

/** Counts of `changes` by record and kind, in order of first appearance. */
function countChanges(
  changes: readonly { noun: RecordNoun; kind: ChangeCount["kind"] }[],
): ChangeCount[] {
  const counts = new Map<string, ChangeCount>();
  for (const { noun, kind } of changes) {
    const key = `${noun} ${kind}`;
    const count = counts.get(key);
    if (count === undefined) counts.set(key, { noun, kind, count: 1 });
    else count.count++;
  }
  return [...counts.values()];
}

/**
 * What changed on `page` since the actor last looked at it, and moves
 * their mark to now: the newest event id and the time. The first visit
 * ever tells nothing. Call it before reading the page's data: the new mark
 * is then the log's head from before that read, so an event the data
 * missed is told next visit rather than never.
 */
export async function sinceLastLooked(
  cx: ServiceContext,
  page: LastSeenPage,
  { currency, scan = MAX_SCAN }: SinceOptions = {},
): Promise<SinceLastLooked> {
  const viewer = cx.actor;
  const now = cx.now().toISOString();
  const retentionHours = Math.round(eventRetentionMs(cx.kv) / 3_600_000);
  const [mark, head] = await Promise.all([
    readMark(cx.kv, viewer.id, page),
    latestEventId(cx.kv),
  ]);
  const read = mark === null
    ? null
    : await eventsSince(cx.kv, mark.eventId, head, scan);
  await writeMark(cx.kv, viewer.id, page, { eventId: head, at: now });
  if (mark === null || read === null) {
    return nothingSince(page, null, now, retentionHours);
  }
  const module = PAGE_MODULES[page];
  const type = module === null ? null : POLICY[module].event;
  const changes = collectChanges(
    read.events.filter((event) =>
      (type === null || event.type === type) &&
      inAudience(viewer, event.audience) &&
      eventActorId(event) !== viewer.id
    ),
    { viewer, currency },
  );
  const nouns = PAGE_NOUNS[page];
  const marks: Record<string, "new" | "changed"> = {};
  let marked = 0;
  for (const change of changes) {
    if (marked === MAX_MARKS) break;
    if (change.kind !== "removed" && nouns.includes(change.noun)) {
      marks[change.id] = change.kind;
      marked++;
    }
  }
  return {
    ...nothingSince(page, mark.at, now, retentionHours),
    lines: changes.slice(0, MAX_LINES).map(({ kind, noun, item }) => ({
      kind,
      noun,
      item,
    })),
    more: countChanges(changes.slice(MAX_LINES)),
    marks,
    olderThanLog: read.olderThanLog,
    capped: read.capped,
  };
}
