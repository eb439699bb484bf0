import { useModel } from "@preact/signals";
import { useRef } from "preact/hooks";
import { useHref } from "@/components/production_path.ts";
import {
  LinkModel,
  type LinkPanelModel,
} from "@/components/records/link_model.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { browserWorld } from "@/components/world.ts";
import type { LinkEntry, RecordLinks } from "@/lib/links/shared.ts";
import {
  RECORD_TYPE_LABELS,
  RECORD_TYPE_PLURALS,
  type RecordRef,
  type RecordType,
  refKey,
} from "@/lib/records/shared.ts";

/**
 * A record's links both ways ("Links to", "Linked from"), each with the
 * record at the other end, and for who may change the record an "Add link"
 * control: pick a kind, search, pick a record. Live: a `link_update`
 * naming this record reloads the list. The state and actions are
 * {@linkcode LinkModel}'s.
 */
export default function LinkPanel(
  props: { record: RecordRef; initial: RecordLinks | null },
) {
  const model = useModel(() => new LinkModel(browserWorld(), props));
  const mounted = useHydrated();
  const addButton = useRef<HTMLButtonElement>(null);
  const data = model.data.value;
  const id = `links-${refKey(props.record).replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const message = model.message.value;
  const close = () => {
    model.stopAdding();
    addButton.current?.focus();
  };

  return (
    <section
      class="card link-panel"
      aria-labelledby={`${id}-title`}
      aria-busy={model.loading.value}
      data-links={refKey(props.record)}
    >
      <div class="link-panel-head">
        <h2 id={`${id}-title`}>Links</h2>
        {mounted && model.targets.value.length > 0 && (
          <button
            type="button"
            class="button button-small"
            ref={addButton}
            aria-controls={`${id}-add`}
            aria-expanded={model.open.value}
            onClick={() => model.open.value ? close() : model.startAdding()}
          >
            Add link
          </button>
        )}
      </div>
      {message && (
        <p
          class={message.ok ? "notice" : "form-error"}
          role={message.ok ? "status" : "alert"}
        >
          {message.text}
        </p>
      )}
      {model.open.value && (
        <AddLink model={model} id={`${id}-add`} onClose={close} />
      )}
      {data === null
        ? (
          <p class="muted" role="status">
            {model.loadFailed.value ?? "Loading links…"}
          </p>
        )
        : model.links.value.length === 0
        ? <p class="muted link-empty">No links yet.</p>
        : (
          <>
            <LinkGroup
              title="Links to"
              entries={model.outgoing.value}
              model={model}
              mounted={mounted}
            />
            <LinkGroup
              title="Linked from"
              entries={model.incoming.value}
              model={model}
              mounted={mounted}
            />
          </>
        )}
      {data !== null && model.loadFailed.value && (
        <p class="form-error" role="alert">{model.loadFailed.value}</p>
      )}
    </section>
  );
}

/** One direction's links, or nothing when there are none. */
function LinkGroup(
  { title, entries, model, mounted }: {
    title: string;
    entries: LinkEntry[];
    model: LinkPanelModel;
    mounted: boolean;
  },
) {
  const to = useHref();
  if (entries.length === 0) return null;
  return (
    <div class="link-group">
      <h3>{title}</h3>
      <ul class="link-list">
        {entries.map((entry) => (
          <li key={entry.id} class="link-row" data-link={entry.id}>
            <span class="badge link-kind">
              {RECORD_TYPE_LABELS[entry.other.ref.type]}
            </span>
            <span class="link-text">
              <a href={to(entry.other.href)}>{entry.other.title}</a>
              {entry.other.detail && (
                <span class="muted link-detail">{entry.other.detail}</span>
              )}
            </span>
            {entry.fixed && (
              <span class="muted link-fixed">Set on the shot</span>
            )}
            {entry.removable && (
              <button
                type="button"
                class="button button-small button-quiet"
                disabled={!mounted || model.busy.value !== null}
                aria-label={`Remove the link ${
                  entry.direction === "out" ? "to" : "from"
                } ${entry.other.title}`}
                onClick={() => void model.remove(entry)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The add control: a kind, a search box and the matches to pick from. */
function AddLink(
  { model, id, onClose }: {
    model: LinkPanelModel;
    id: string;
    onClose: () => void;
  },
) {
  const list = useRef<HTMLUListElement>(null);
  const kind = model.kind.value;
  const results = model.results.value;
  const focusResult = (step: number, from: Element | null) => {
    const buttons = [
      ...list.current?.querySelectorAll("button") ?? [],
    ] as HTMLButtonElement[];
    const at = buttons.indexOf(from as HTMLButtonElement);
    buttons[Math.max(0, Math.min(buttons.length - 1, at + step))]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusResult(
        event.key === "ArrowDown" ? 1 : -1,
        document.activeElement,
      );
    }
  };
  const status = model.searching.value
    ? "Searching…"
    : results === null
    ? ""
    : results.records.length === 0
    ? `No ${kind ? RECORD_TYPE_PLURALS[kind] : "records"} match.`
    : `${results.records.length}${results.more ? "+" : ""} ${
      kind ? RECORD_TYPE_PLURALS[kind] : "records"
    }${results.more ? ": type more to narrow them" : ""}.`;
  return (
    <div
      class="link-add"
      id={id}
      role="group"
      aria-label="Add a link"
      onKeyDown={onKeyDown}
    >
      <div class="link-add-fields">
        <label>
          <span>Kind</span>
          <select
            value={kind ?? ""}
            onChange={(e) =>
              model.chooseKind(e.currentTarget.value as RecordType)}
          >
            {model.targets.value.map((t) => (
              <option key={t} value={t}>{RECORD_TYPE_LABELS[t]}</option>
            ))}
          </select>
        </label>
        <label class="link-search">
          <span>Search</span>
          <input
            type="search"
            autoFocus
            autoComplete="off"
            value={model.query.value}
            placeholder={kind === "scene" ? "Number or heading" : "Title"}
            aria-controls={`${id}-results`}
            onInput={(e) => model.type(e.currentTarget.value)}
          />
        </label>
        <button
          type="button"
          class="button button-small button-quiet"
          onClick={onClose}
        >
          Cancel
        </button>
      </div>
      <p class="muted link-search-status" role="status" aria-live="polite">
        {status}
      </p>
      {results !== null && results.records.length > 0 && (
        <ul class="link-results" id={`${id}-results`} ref={list}>
          {results.records.map((card) => {
            const linked = model.linked(card);
            return (
              <li key={refKey(card.ref)}>
                <button
                  type="button"
                  class="link-result"
                  disabled={linked || model.busy.value !== null}
                  onClick={async () => {
                    if (await model.add(card)) onClose();
                  }}
                >
                  <span class="link-result-title">{card.title}</span>
                  {card.detail && (
                    <span class="muted link-detail">{card.detail}</span>
                  )}
                  {linked && <span class="badge">Linked</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
