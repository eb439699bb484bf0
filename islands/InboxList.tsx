import { useModel } from "@preact/signals";
import type { JSX } from "preact";
import { EmptyState } from "@/components/EmptyState.tsx";
import {
  type InboxInit,
  type InboxListModel,
  InboxModel,
} from "@/components/inbox/inbox_model.ts";
import { useHref } from "@/components/production_path.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { browserWorld } from "@/components/world.ts";
import { formatDateTime } from "@/lib/format.ts";
import { INBOX_KIND_LABELS, type InboxItem } from "@/lib/inbox/shared.ts";

function Entry(
  { model, item, timeZone, fresh }: {
    model: InboxListModel;
    item: InboxItem;
    timeZone: string;
    fresh: boolean;
  },
) {
  const href = useHref();
  const target = href(item.href);
  const unread = item.readAt === null;
  // Opening marks it read first; a new tab or window only starts the mark.
  const open = (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (!unread) return;
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) {
      void model.open(item);
      return;
    }
    e.preventDefault();
    void model.open(item).then(() => location.assign(target));
  };
  return (
    <li
      class={`inbox-item${unread ? " inbox-item-unread" : ""}${
        fresh ? " is-new" : ""
      }`}
      data-inbox-item={item.id}
    >
      <span class="inbox-kind">
        {INBOX_KIND_LABELS[item.kind]}
        {unread && <span class="inbox-unread-mark">· Unread</span>}
      </span>
      <a class="inbox-title" href={target} onClick={open}>{item.title}</a>
      {item.body && <p class="inbox-body">{item.body}</p>}
      <p class="inbox-meta muted">
        <time dateTime={item.createdAt}>
          {formatDateTime(item.createdAt, timeZone)}
        </time>
      </p>
    </li>
  );
}

/**
 * The inbox, newest first: unread items stand out, each links to its
 * page and is marked read when opened; new items arrive live (from any
 * change that concerns this member) and read marks follow every tab.
 * The state and actions are {@linkcode InboxModel}'s.
 */
export default function InboxList(
  props: InboxInit & { timeZone: string },
) {
  const model = useModel(() => new InboxModel(browserWorld(), props));
  const live = useHydrated();
  const items = model.items.value;
  return (
    <section class="card inbox" aria-labelledby="inbox-list-title">
      <div class="inbox-head">
        <h2 id="inbox-list-title">
          {props.unreadOnly ? "Unread" : "Everything"}{" "}
          <span class="muted">({model.unread.value} unread)</span>
        </h2>
        {live && model.unread.value > 0 && (
          <button
            type="button"
            class="button button-small"
            disabled={model.busy.value}
            onClick={() => void model.markAllRead()}
          >
            Mark all read
          </button>
        )}
      </div>
      {model.error.value && (
        <p class="form-error" role="alert">{model.error.value}</p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {model.fresh.value.size > 0
          ? `${model.fresh.value.size} new since you opened the inbox`
          : ""}
      </p>
      {items.length === 0
        ? (
          <EmptyState
            title={props.unreadOnly ? "Nothing unread" : "Your inbox is empty"}
          >
            <p>
              Mentions, assignments, reviews, approvals and budget alerts that
              concern you land here.
            </p>
          </EmptyState>
        )
        : (
          <ul class="inbox-list">
            {items.map((item) => (
              <Entry
                key={item.id}
                model={model}
                item={item}
                timeZone={props.timeZone}
                fresh={model.fresh.value.has(item.id)}
              />
            ))}
          </ul>
        )}
      {model.cursor.value !== null && (
        <p class="inbox-more">
          {live
            ? (
              <button
                type="button"
                class="button"
                disabled={model.busy.value}
                onClick={() => void model.more()}
              >
                Show older
              </button>
            )
            : (
              <a
                href={`?${
                  props.unreadOnly ? "unread=1&" : ""
                }cursor=${model.cursor.value}`}
              >
                Show older
              </a>
            )}
        </p>
      )}
    </section>
  );
}
