/**
 * A record's links panel as a signal model: the links both ways (live:
 * any `link_update` naming this record at either end reloads them, and so
 * does a resync), removing one, and the "Add link" control — pick a kind,
 * search the records of that kind, pick one to link. The world is
 * injected, so tests run it without a DOM.
 *
 * @module
 */
import { computed, createModel, signal } from "@preact/signals";
import { ApiFailure, failureText } from "@/components/api.ts";
import {
  followRealtime,
  modelTimeout,
  type World,
} from "@/components/world.ts";
import type { LinkEntry, RecordLinks } from "@/lib/links/shared.ts";
import {
  RECORD_TYPE_LABELS,
  type RecordCard,
  type RecordRef,
  type RecordSearch,
  type RecordType,
  refKey,
  sameRef,
} from "@/lib/records/shared.ts";
import type { EventFrame } from "@/realtime/protocol.ts";

/** What the page gives the panel. */
export interface LinkPanelInit {
  record: RecordRef;
  /** The links as the server rendered them; null: load them. */
  initial: RecordLinks | null;
}

/** How long typing pauses before the search is sent. */
export const SEARCH_DELAY_MS = 200;

/** A message the panel shows: an error (alert) or a confirmation. */
export interface PanelMessage {
  ok: boolean;
  text: string;
}

const lower = (type: RecordType) => RECORD_TYPE_LABELS[type].toLowerCase();

/** The words for a refused link (409 duplicate, 403, 404 …). */
export function linkFailureText(failure: unknown, card: RecordCard): string {
  const f = failure as Partial<ApiFailure>;
  if (f?.status === 409) return `Already linked to ${card.title}.`;
  if (f?.status === 403) {
    return f.error?.message
      ? `${f.error.message}.`.replace(/\.\.$/, ".")
      : "Your role cannot link this record.";
  }
  if (f?.status === 404) {
    return `${card.title} is no longer there, or not yours to see.`;
  }
  return failureText(failure, `Could not link ${card.title}`);
}

/** The words for a refused removal. */
export function unlinkFailureText(failure: unknown, entry: LinkEntry): string {
  const f = failure as Partial<ApiFailure>;
  if (f?.status === 404) return "That link was removed meanwhile.";
  if (f?.status === 403) return "Your role cannot remove this link.";
  return failureText(
    failure,
    `Could not remove the link to ${entry.other.title}`,
  );
}

/** Whether a `link_update` concerns `record` (at either end). */
export function namesRecord(
  event: EventFrame<"link_update">,
  record: RecordRef,
): boolean {
  const { from, to } = event.data.link;
  return sameRef(from.ref, record) || sameRef(to.ref, record);
}

/** A record's links: `new LinkModel(world, init)`. */
export const LinkModel = createModel((world: World, init: LinkPanelInit) => {
  const { send } = world;
  const later = modelTimeout(world);
  const record = init.record;
  const data = signal<RecordLinks | null>(init.initial);
  const loading = signal(false);
  const loadFailed = signal<string | null>(null);
  const message = signal<PanelMessage | null>(null);
  const busy = signal<string | null>(null);

  const links = computed(() => data.value?.links ?? []);
  const outgoing = computed(() =>
    links.value.filter((l) => l.direction === "out")
  );
  const incoming = computed(() =>
    links.value.filter((l) => l.direction === "in")
  );
  const targets = computed(() => data.value?.targets ?? []);

  // The add control.
  const open = signal(false);
  const kind = signal<RecordType | null>(null);
  const query = signal("");
  const results = signal<RecordSearch | null>(null);
  const searching = signal(false);
  let searchSeq = 0;
  let loadSeq = 0;

  const reload = async () => {
    const seq = ++loadSeq;
    loading.value = true;
    try {
      const next = await send<RecordLinks>(
        "GET",
        `/api/links?record=${encodeURIComponent(refKey(record))}`,
      );
      // An older answer arriving after a newer one changes nothing.
      if (seq !== loadSeq) return;
      data.value = next;
      loadFailed.value = null;
    } catch (failure) {
      if (seq !== loadSeq) return;
      loadFailed.value = failureText(failure, "Could not load the links");
    } finally {
      if (seq === loadSeq) loading.value = false;
    }
  };

  followRealtime(world, ["link_update"], (event) => {
    if (namesRecord(event, record)) void reload();
  }, reload);

  const search = async () => {
    const type = kind.value;
    if (type === null) return;
    const seq = ++searchSeq;
    searching.value = true;
    try {
      const query_ = new URLSearchParams({ type, q: query.value.trim() });
      const found = await send<RecordSearch>("GET", `/api/records?${query_}`);
      if (seq !== searchSeq) return;
      results.value = found;
    } catch (failure) {
      if (seq !== searchSeq) return;
      results.value = { records: [], more: false };
      message.value = {
        ok: false,
        text: failureText(failure, `Could not search the ${lower(type)}s`),
      };
    } finally {
      if (seq === searchSeq) searching.value = false;
    }
  };

  /** Opens the add control on the first kind this viewer may link to. */
  const startAdding = () => {
    if (targets.value.length === 0) return;
    open.value = true;
    message.value = null;
    if (kind.value === null || !targets.value.includes(kind.value)) {
      kind.value = targets.value[0];
    }
    void search();
  };

  const stopAdding = () => {
    open.value = false;
    query.value = "";
    results.value = null;
    searchSeq++;
    searching.value = false;
  };

  const chooseKind = (type: RecordType) => {
    if (!targets.value.includes(type)) return;
    kind.value = type;
    results.value = null;
    void search();
  };

  /** The search text changed: search once typing pauses. */
  const type = (text: string) => {
    query.value = text;
    const seq = ++searchSeq;
    searching.value = true;
    later(() => {
      if (seq === searchSeq) void search();
    }, SEARCH_DELAY_MS);
  };

  /** Whether this record links to `card` already. */
  const linked = (card: RecordCard) =>
    outgoing.value.some((l) => sameRef(l.other.ref, card.ref));

  /** Links this record to `card`; true when it went in. */
  const add = async (card: RecordCard) => {
    if (busy.value !== null) return false;
    if (linked(card)) {
      message.value = { ok: false, text: `Already linked to ${card.title}.` };
      return false;
    }
    busy.value = refKey(card.ref);
    message.value = null;
    try {
      await send("POST", "/api/links", {
        from: refKey(record),
        to: refKey(card.ref),
      });
      message.value = { ok: true, text: `Linked to ${card.title}.` };
      stopAdding();
      await reload();
      return true;
    } catch (failure) {
      message.value = { ok: false, text: linkFailureText(failure, card) };
      return false;
    } finally {
      busy.value = null;
    }
  };

  /** Removes a link (asks first); true when it went. */
  const remove = async (entry: LinkEntry) => {
    if (busy.value !== null || !entry.removable) return false;
    const what = entry.direction === "out"
      ? `the link to ${entry.other.title}`
      : `the link from ${entry.other.title}`;
    if (!world.confirm(`Remove ${what}?`)) return false;
    busy.value = entry.id;
    message.value = null;
    try {
      await send("DELETE", `/api/links/${encodeURIComponent(entry.id)}`);
      if (data.value) {
        data.value = {
          ...data.value,
          links: data.value.links.filter((l) => l.id !== entry.id),
        };
      }
      message.value = { ok: true, text: `Removed ${what}.` };
      return true;
    } catch (failure) {
      message.value = { ok: false, text: unlinkFailureText(failure, entry) };
      if ((failure as ApiFailure)?.status === 404) await reload();
      return false;
    } finally {
      busy.value = null;
    }
  };

  if (init.initial === null) void reload();

  return {
    data,
    links,
    outgoing,
    incoming,
    targets,
    loading,
    loadFailed,
    message,
    busy,
    open,
    kind,
    query,
    results,
    searching,
    reload,
    startAdding,
    stopAdding,
    chooseKind,
    type,
    linked,
    add,
    remove,
  };
});

/** The model's instance type. */
export type LinkPanelModel = InstanceType<typeof LinkModel>;
