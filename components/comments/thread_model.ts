/**
 * A record's conversation as a signal model: the comments (live on
 * `comment_update`), the message being written with its `@` autocomplete,
 * the comment being edited, who else is typing, and the actions (post,
 * edit within the window, delete after a confirmation). The world (API,
 * live client, clock, confirm) is injected, so tests drive it without a
 * DOM (thread_model_test.ts); the island renders it.
 *
 * @module
 */
import { computed, createModel, effect, signal } from "@preact/signals";
import {
  followRealtime,
  modelTimeout,
  type World,
} from "@/components/world.ts";
import type { ApiFailure } from "@/components/api.ts";
import type {
  Comment,
  CommentThread,
  CommentUpdateData,
  Mentionable,
} from "@/lib/comments/shared.ts";
import {
  MAX_COMMENT_CHARS,
  mentionAt,
  withinEditWindow,
} from "@/lib/comments/shared.ts";
import { type RecordRef, refKey, sameRef } from "@/lib/records/shared.ts";
import type { TypingNotice } from "@/realtime/client.ts";

/** What the page gives the thread. */
export interface ThreadInit {
  record: RecordRef;
  /** The thread as the server read it; null to load it in the browser. */
  initial: CommentThread | null;
  viewerId: string;
  /** Management: may delete anyone's comment. */
  moderator: boolean;
}

/** How long someone's typing notice shows without a newer one. */
export const TYPING_SHOWN_MS = 5_000;
/** At most one typing notice sent per this interval. */
export const TYPING_EVERY_MS = 2_000;
/** How often the edit buttons re-check the window. */
const WINDOW_TICK_MS = 30_000;
/** Most names the autocomplete offers at once. */
export const MAX_SUGGESTIONS = 6;

function byTime(a: Comment, b: Comment): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

function failureText(e: unknown, fallback: string): string {
  const failure = e as Partial<ApiFailure>;
  if (failure?.status === 0) {
    return "The server could not be reached; try again when the connection is back.";
  }
  return failure?.error?.message ?? fallback;
}

/** The conversation of one record: `new ThreadModel(world, init)`. */
export const ThreadModel = createModel((world: World, init: ThreadInit) => {
  const { send, realtime, clock } = world;
  const target = refKey(init.record);
  const query = `?record=${encodeURIComponent(target)}`;

  const comments = signal<Comment[]>(init.initial?.comments ?? []);
  const loaded = signal(init.initial !== null);
  const loadError = signal<string | null>(null);
  const draft = signal("");
  const caret = signal(0);
  const busy = signal(false);
  const error = signal<string | null>(null);
  const editing = signal<{ id: string; text: string } | null>(null);
  const editError = signal<string | null>(null);
  const typists = signal<ReadonlyMap<string, { name: string; until: number }>>(
    new Map(),
  );
  const people = signal<Mentionable[] | null>(null);
  const active = signal(0);
  /** Dismissed with Escape until the `@` word changes. */
  const dismissed = signal<string | null>(null);
  const tick = signal(clock.now());
  const later = modelTimeout(world);
  let lastTyping = 0;
  let peopleAsked = false;

  const ticking = () => {
    later(() => {
      tick.value = clock.now();
      ticking();
    }, WINDOW_TICK_MS);
  };
  ticking();

  const put = (comment: Comment) => {
    const rest = comments.value.filter((c) => c.id !== comment.id);
    const old = comments.value.find((c) => c.id === comment.id);
    if (old && old.version > comment.version) return;
    comments.value = [...rest, comment].sort(byTime);
  };
  const drop = (id: string) => {
    comments.value = comments.value.filter((c) => c.id !== id);
    if (editing.value?.id === id) editing.value = null;
  };

  const reload = async () => {
    try {
      const thread = await send<CommentThread>("GET", `/api/comments${query}`);
      comments.value = thread.comments;
      loaded.value = true;
      loadError.value = null;
    } catch (e) {
      loadError.value = failureText(e, "The comments could not be loaded");
    }
  };

  const apply = (data: CommentUpdateData) => {
    if (!sameRef(data.comment.target, init.record)) return;
    if (data.action === "deleted") drop(data.comment.id);
    else put(data.comment);
  };

  const onTyping = (notice: TypingNotice) => {
    if (notice.target !== target || notice.userId === init.viewerId) return;
    const next = new Map(typists.value);
    if (notice.active) {
      next.set(notice.userId, {
        name: notice.name,
        until: clock.now() + TYPING_SHOWN_MS,
      });
    } else next.delete(notice.userId);
    typists.value = next;
    later(() => {
      const now = clock.now();
      const left = [...typists.value].filter(([, t]) => t.until > now);
      if (left.length !== typists.value.size) typists.value = new Map(left);
    }, TYPING_SHOWN_MS + 50);
  };

  const stopTyping = () => {
    if (lastTyping === 0) return;
    lastTyping = 0;
    realtime?.typing(target, false);
  };
  const typed = () => {
    const now = clock.now();
    if (now - lastTyping > TYPING_EVERY_MS) {
      lastTyping = now;
      realtime?.typing(target, true);
    }
  };

  const loadPeople = async () => {
    if (peopleAsked) return;
    peopleAsked = true;
    try {
      people.value = await send<Mentionable[]>(
        "GET",
        `/api/comments/people${query}`,
      );
    } catch {
      peopleAsked = false; // asked again at the next `@`
    }
  };

  /** The `@` word at the caret, if any. */
  const mention = computed(() => mentionAt(draft.value, caret.value));
  const suggestions = computed<Mentionable[]>(() => {
    const at = mention.value;
    if (at === null || people.value === null) return [];
    if (dismissed.value === `${at.start}:${at.query}`) return [];
    const q = at.query.toLowerCase();
    return people.value.filter((p) =>
      p.id !== init.viewerId &&
      (p.username.startsWith(q) ||
        p.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)))
    ).slice(0, MAX_SUGGESTIONS);
  });

  followRealtime(world, ["comment_update"], (e) => apply(e.data), reload);
  // An effect of the model: disposing it stops the notices.
  if (realtime) effect(() => realtime.onTyping(onTyping));
  if (!loaded.value) void reload();

  return {
    comments,
    loaded,
    loadError,
    draft,
    busy,
    error,
    editing,
    editError,
    suggestions,
    active,
    /** "Dana is typing…", or null. */
    typingText: computed(() => {
      const names = [...typists.value.values()].map((t) => t.name);
      if (names.length === 0) return null;
      if (names.length === 1) return `${names[0]} is typing…`;
      return `${names.slice(0, -1).join(", ")} and ${names.at(-1)} are typing…`;
    }),
    /** Characters left in the message (negative: too long). */
    left: computed(() => MAX_COMMENT_CHARS - draft.value.trim().length),
    /** Applies a `comment_update` (also subscribed in the browser). */
    apply,
    reload,
    /** Whether the viewer may still edit `comment`. */
    canEdit: (comment: Comment) =>
      comment.authorId === init.viewerId &&
      withinEditWindow(comment.createdAt, tick.value),
    /** Whether the viewer may delete `comment`. */
    canDelete: (comment: Comment) =>
      comment.authorId === init.viewerId || init.moderator,
    /** The message field changed: its text and caret. */
    input(text: string, at: number) {
      draft.value = text;
      caret.value = at;
      active.value = 0;
      if (mentionAt(text, at) !== null) void loadPeople();
      if (text.trim() === "") stopTyping();
      else typed();
    },
    /** The caret moved without typing. */
    moveCaret(at: number) {
      caret.value = at;
    },
    /** Moves the highlighted suggestion by `step`. */
    cycle(step: number) {
      const n = suggestions.value.length;
      if (n > 0) active.value = (active.value + step + n) % n;
    },
    /** Hides the suggestions until the `@` word changes. */
    dismiss() {
      const at = mention.value;
      if (at) dismissed.value = `${at.start}:${at.query}`;
    },
    /**
     * Puts `@username ` in place of the `@` word being typed; returns the
     * caret after it, or null when no `@` word is being typed.
     */
    pick(person: Mentionable): number | null {
      const at = mention.value;
      if (at === null) return null;
      const text = draft.value;
      const insert = `@${person.username} `;
      const end = at.start + 1 + at.query.length;
      draft.value = text.slice(0, at.start) + insert + text.slice(end);
      caret.value = at.start + insert.length;
      return caret.value;
    },
    /** Posts the message; true when posted. */
    async post(): Promise<boolean> {
      const body = draft.value.trim();
      if (busy.value) return false;
      if (body === "") {
        error.value = "Write something first.";
        return false;
      }
      if (body.length > MAX_COMMENT_CHARS) {
        error.value =
          `A comment holds at most ${MAX_COMMENT_CHARS} characters.`;
        return false;
      }
      busy.value = true;
      try {
        const comment = await send<Comment>("POST", "/api/comments", {
          record: target,
          body,
        });
        put(comment);
        draft.value = "";
        caret.value = 0;
        error.value = null;
        stopTyping();
        return true;
      } catch (e) {
        error.value = failureText(e, "The comment was not posted");
        return false;
      } finally {
        busy.value = false;
      }
    },
    startEdit(comment: Comment) {
      editing.value = { id: comment.id, text: comment.body };
      editError.value = null;
    },
    cancelEdit() {
      editing.value = null;
      editError.value = null;
    },
    /** Saves the edited text; true when saved. */
    async saveEdit(text: string): Promise<boolean> {
      const current = editing.value;
      if (current === null || busy.value) return false;
      const comment = comments.value.find((c) => c.id === current.id);
      if (!comment) return false;
      busy.value = true;
      try {
        put(
          await send<Comment>(
            "PATCH",
            `/api/comments/${encodeURIComponent(comment.id)}`,
            { body: text },
            comment.version,
          ),
        );
        editing.value = null;
        editError.value = null;
        return true;
      } catch (e) {
        editError.value = failureText(e, "The comment was not saved");
        return false;
      } finally {
        busy.value = false;
      }
    },
    /** Deletes `comment` once the viewer confirms; true when deleted. */
    async remove(comment: Comment): Promise<boolean> {
      if (!world.confirm("Delete this comment? This cannot be undone.")) {
        return false;
      }
      try {
        await send(
          "DELETE",
          `/api/comments/${encodeURIComponent(comment.id)}`,
        );
        drop(comment.id);
        error.value = null;
        return true;
      } catch (e) {
        const gone = (e as Partial<ApiFailure>)?.status === 404;
        if (gone) drop(comment.id);
        else error.value = failureText(e, "The comment was not deleted");
        return gone;
      }
    },
    stopTyping,
  };
});

/** A conversation model. */
export type ThreadViewModel = InstanceType<typeof ThreadModel>;
