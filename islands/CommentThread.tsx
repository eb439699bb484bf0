import { useModel } from "@preact/signals";
import { useRef } from "preact/hooks";
import type { JSX } from "preact";
import {
  type ThreadInit,
  ThreadModel,
  type ThreadViewModel,
} from "@/components/comments/thread_model.ts";
import { useHydrated } from "@/components/use_hydrated.ts";
import { browserWorld } from "@/components/world.ts";
import type { Comment } from "@/lib/comments/shared.ts";
import { MAX_COMMENT_CHARS } from "@/lib/comments/shared.ts";
import { formatDateTime } from "@/lib/format.ts";
import { refKey } from "@/lib/records/shared.ts";

/** The thread's props: the model's, and the production's time zone. */
export type CommentThreadProps = ThreadInit & { timeZone: string };

/** A comment's text with its `@mentions` marked. */
function Body({ text }: { text: string }) {
  const parts = text.split(/(@[A-Za-z0-9._-]{3,32})/);
  return (
    <p class="comment-body">
      {parts.map((part, i) =>
        i % 2 === 1 ? <strong class="mention" key={i}>{part}</strong> : part
      )}
    </p>
  );
}

function EditForm(
  { model, comment }: { model: ThreadViewModel; comment: Comment },
) {
  const field = useRef<HTMLTextAreaElement>(null);
  const id = `comment-edit-${comment.id}`;
  const save = () => void model.saveEdit(field.current?.value ?? "");
  return (
    <form
      class="comment-edit"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label class="visually-hidden" for={id}>Edit your comment</label>
      <textarea
        id={id}
        ref={field}
        rows={3}
        maxLength={MAX_COMMENT_CHARS}
        defaultValue={model.editing.value?.text}
        autoFocus
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          } else if (e.key === "Escape") model.cancelEdit();
        }}
      />
      {model.editError.value && (
        <p class="form-error" role="alert">{model.editError.value}</p>
      )}
      <div class="comment-actions">
        <button
          type="submit"
          class="button button-small button-primary"
          disabled={model.busy.value}
        >
          Save
        </button>
        <button
          type="button"
          class="button button-small button-quiet"
          onClick={() => model.cancelEdit()}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

function Item(
  { model, comment, timeZone, live }: {
    model: ThreadViewModel;
    comment: Comment;
    timeZone: string;
    live: boolean;
  },
) {
  const editing = model.editing.value?.id === comment.id;
  return (
    <li class="comment" id={`comment-${comment.id}`}>
      <p class="comment-meta">
        <strong>{comment.authorName}</strong>{" "}
        <time dateTime={comment.createdAt}>
          {formatDateTime(comment.createdAt, timeZone)}
        </time>
        {comment.editedAt && <span class="muted">· edited</span>}
      </p>
      {editing
        ? <EditForm model={model} comment={comment} />
        : <Body text={comment.body} />}
      {live && !editing && (
        <div class="comment-actions">
          {model.canEdit(comment) && (
            <button
              type="button"
              class="button button-small button-quiet"
              onClick={() => model.startEdit(comment)}
            >
              Edit<span class="visually-hidden">your comment</span>
            </button>
          )}
          {model.canDelete(comment) && (
            <button
              type="button"
              class="button button-small button-quiet button-delete"
              onClick={() => void model.remove(comment)}
            >
              Delete
              <span class="visually-hidden">
                comment by {comment.authorName}
              </span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * A record's conversation: its comments oldest first, live for everyone
 * who may see the record; a message field that posts with Ctrl/Cmd+Enter,
 * suggests `@` names of who may see the record, and tells the others who
 * is typing; edit within 15 minutes and delete after a confirmation. The
 * state and actions are {@linkcode ThreadModel}'s.
 */
export default function CommentThread(props: CommentThreadProps) {
  const model = useModel(() => new ThreadModel(browserWorld(), props));
  const live = useHydrated();
  const field = useRef<HTMLTextAreaElement>(null);
  const key = refKey(props.record).replace(/[^A-Za-z0-9_-]/g, "-");
  const id = `thread-${key}`;
  const list = model.suggestions.value;
  const open = list.length > 0;
  const active = Math.min(model.active.value, list.length - 1);
  const comments = model.comments.value;

  const pick = (index: number) => {
    const caret = model.pick(list[index]);
    const el = field.current;
    if (el && caret !== null) {
      el.value = model.draft.value;
      el.focus();
      el.setSelectionRange(caret, caret);
    }
  };
  const submit = async () => {
    if (await model.post() && field.current) field.current.value = "";
  };
  const onKeyDown = (e: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      model.cycle(e.key === "ArrowDown" ? 1 : -1);
    } else if (open && (e.key === "Enter" || e.key === "Tab") && !e.ctrlKey) {
      e.preventDefault();
      pick(active);
    } else if (open && e.key === "Escape") {
      e.preventDefault();
      model.dismiss();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <section
      class="card comment-thread"
      aria-labelledby={`${id}-title`}
      data-comments={refKey(props.record)}
    >
      <h2 id={`${id}-title`}>
        Conversation{" "}
        <span class="muted">
          ({comments.length}
          <span class="visually-hidden">comments</span>)
        </span>
      </h2>
      {model.loadError.value && (
        <p class="form-error" role="alert">{model.loadError.value}</p>
      )}
      {comments.length > 0
        ? (
          <ol class="comment-list">
            {comments.map((c) => (
              <Item
                key={c.id}
                model={model}
                comment={c}
                timeZone={props.timeZone}
                live={live}
              />
            ))}
          </ol>
        )
        : model.loaded.value && (
          <p class="muted comment-empty">
            No comments yet. Ask a question or leave a note for the team.
          </p>
        )}
      <form
        class="comment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label for={`${id}-field`}>Add a comment</label>
        <div class="mention-box">
          <textarea
            id={`${id}-field`}
            ref={field}
            rows={3}
            maxLength={MAX_COMMENT_CHARS}
            disabled={!live}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={`${id}-people`}
            aria-activedescendant={open ? `${id}-person-${active}` : undefined}
            aria-describedby={`${id}-hint`}
            onInput={(e) =>
              model.input(
                e.currentTarget.value,
                e.currentTarget.selectionStart ?? 0,
              )}
            onKeyDown={onKeyDown}
            onKeyUp={(e) =>
              model.moveCaret(e.currentTarget.selectionStart ?? 0)}
            onClick={(e) =>
              model.moveCaret(e.currentTarget.selectionStart ?? 0)}
            onBlur={() => model.stopTyping()}
          />
          <ul
            id={`${id}-people`}
            role="listbox"
            aria-label="People to mention"
            class="mention-list"
            hidden={!open}
          >
            {list.map((p, i) => (
              <li
                key={p.id}
                id={`${id}-person-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(i);
                }}
              >
                {p.name} <span class="muted">@{p.username}</span>
              </li>
            ))}
          </ul>
        </div>
        <p class="comment-hint muted" id={`${id}-hint`}>
          Type @ to mention someone who can see this; Ctrl+Enter (⌘+Enter)
          posts.
        </p>
        <p class="comment-typing muted" aria-live="polite">
          {model.typingText.value ?? ""}
        </p>
        {model.error.value && (
          <p class="form-error" role="alert">{model.error.value}</p>
        )}
        <div class="comment-actions">
          <button
            type="submit"
            class="button button-primary"
            disabled={!live || model.busy.value}
          >
            Post comment
          </button>
          {model.left.value < 200 && (
            <span class="muted">{model.left.value} characters left</span>
          )}
        </div>
      </form>
    </section>
  );
}
