/**
 * The live stripboard apart from the DOM: the schedule view, the board
 * state machine (board_model.ts) in a signal, edits sent as ops (shown at
 * once, `POST /api/schedule/ops`), live events, refetches, the sort
 * preview, the filter and what the live regions say. Keyboard and drag
 * moves are `stripboard_moves.ts`, on top of this. The world is injected:
 * `islands/Stripboard.tsx` passes the browser's, tests a fake one.
 *
 * @module
 */
import {
  computed,
  createModel,
  type ReadonlySignal,
  signal,
} from "@preact/signals";
import { ApiFailure } from "@/components/api.ts";
import { followRealtime, modelFlash, type World } from "@/components/world.ts";
import { datedDays } from "@/lib/schedule/dated_days.ts";
import { splitDays } from "@/lib/schedule/days.ts";
import type { StripFilter } from "@/lib/schedule/filter.ts";
import {
  applyOp,
  type BoardOp,
  BoardOpError,
  type SortScope,
} from "@/lib/schedule/ops.ts";
import type {
  ScheduleBoard,
  ScheduleView,
  Strip,
} from "@/lib/schedule/shared.ts";
import type { SortKey } from "@/lib/schedule/sort.ts";
import {
  addPending,
  type BoardState,
  boardState,
  opAccepted,
  opRejected,
  receiveBoardEvent,
  refetched,
  shownBoard,
} from "./board_model.ts";
import { liveNoteOf, opFailureText, type ScheduleEvent } from "./board_text.ts";
import { createBoardMoves } from "./stripboard_moves.ts";

/** How long a strip someone else moved is highlighted. */
export const FLASH_MS = 1_500;

/** A random id for an op or a banner (`[0-9a-f]{18}`). */
export function randomId(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(9)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** What the board starts from. */
export interface StripboardOptions {
  initial: ScheduleView;
  /** Makes op and banner ids (tests pass a counter). */
  newId?: () => string;
}

/** A proposed order, shown until accepted or cancelled. */
export interface SortPreview {
  scope: SortScope;
  by: SortKey;
}

/** The board's data, live state and the edits every other part builds on. */
export function createBoardCore(world: World, options: StripboardOptions) {
  const newId = options.newId ?? randomId;
  const view = signal<ScheduleView>(options.initial);
  const state = signal<BoardState>(
    boardState(options.initial.board, options.initial.version),
  );
  const notice = signal<string | null>(null);
  const announcement = signal("");
  const liveNote = signal("");
  const preview = signal<SortPreview | null>(null);
  const filter = signal<StripFilter>({});
  const flash = modelFlash<string>(world, FLASH_MS);
  const mine = new Set<string>();
  const savedVersion = options.initial.versionId;

  const strips = computed(() =>
    new Map(view.value.strips.map((s) => [s.sceneKey, s]))
  );
  const canEdit = computed(() => view.value.canEdit && savedVersion === null);
  /** The board with this tab's pending ops. */
  const board = computed(() => shownBoard(state.value, strips.value));
  /** …and a proposed order, while one is shown. */
  const proposed = computed((): ScheduleBoard => {
    const p = preview.value;
    if (p === null) return board.value;
    try {
      return applyOp(board.value, { op: "sort", ...p }, strips.value);
    } catch {
      return board.value;
    }
  });

  let fetching: Promise<void> | null = null;
  let again = false;
  async function fetchView() {
    do {
      again = false;
      try {
        const query = savedVersion === null
          ? ""
          : `?version=${encodeURIComponent(savedVersion)}`;
        const fresh = await world.send<ScheduleView>(
          "GET",
          `/api/schedule${query}`,
        );
        const next = savedVersion === null
          ? refetched(state.value, fresh.board, fresh.version)
          : boardState(fresh.board, fresh.version);
        view.value = fresh;
        state.value = next;
      } catch (e) {
        notice.value = (e as ApiFailure).status === 404
          ? "This saved version was deleted; open the working schedule."
          : "Could not read the schedule again; reload the page.";
      }
    } while (again);
  }
  /** Reads the schedule again (one read at a time, one more if asked meanwhile). */
  function refetch(): Promise<void> {
    if (fetching !== null) {
      again = true;
      return fetching;
    }
    fetching = fetchView().finally(() => fetching = null);
    return fetching;
  }

  /**
   * Applies `op` at once and sends it; false when it does not fit the
   * board as shown (the notice says why) or the viewer may not edit.
   */
  async function perform(op: BoardOp): Promise<boolean> {
    if (!canEdit.value) return false;
    const opId = newId();
    try {
      state.value = addPending(state.value, opId, op, strips.value);
    } catch (e) {
      if (!(e instanceof BoardOpError)) throw e;
      notice.value = announcement.value = `${e.message}.`;
      return false;
    }
    mine.add(opId);
    preview.value = null;
    try {
      const { version } = await world.send<{ version: number }>(
        "POST",
        "/api/schedule/ops",
        { opId, op },
      );
      state.value = opAccepted(state.value, opId, version, strips.value);
      return true;
    } catch (e) {
      state.value = opRejected(state.value, opId);
      notice.value = announcement.value = opFailureText(e as ApiFailure);
      void refetch();
      return false;
    }
  }

  followRealtime(world, ["schedule_update", "script_update"], (event) => {
    if (event.type === "script_update") {
      if (event.data.action === "imported") {
        liveNote.value =
          "A new draft of the script arrived: the strips follow it.";
      }
      void refetch();
      return;
    }
    const data = event.data as ScheduleEvent;
    if (data.action === "board") {
      // A saved version's board does not change with the working one.
      if (savedVersion !== null) return;
      if (data.opId === null || !mine.has(data.opId)) {
        liveNote.value = liveNoteOf(data);
        if (data.op.op === "move_strip") flash.flash(data.op.sceneKey);
      }
      const outcome = receiveBoardEvent(state.value, data, strips.value);
      state.value = outcome.state;
      if (outcome.refetch) void refetch();
      return;
    }
    liveNote.value = liveNoteOf(data);
    void refetch();
  }, refetch);

  return {
    view: view as ReadonlySignal<ScheduleView>,
    strips: strips as ReadonlySignal<ReadonlyMap<string, Strip>>,
    canEdit,
    /** The board with this tab's edits on their way. */
    board,
    /** The board with a proposed order applied, while one is shown. */
    proposed,
    /** A refused edit or a failed read, until dismissed or the next edit. */
    notice,
    /** The assertive live region: this person's own moves. */
    announcement,
    /** The polite live region: who else changed what. */
    liveNote,
    preview: preview as ReadonlySignal<SortPreview | null>,
    filter,
    flashing: flash.flashing,
    perform,
    refetch,
    /** The days of `shown` with their figures and dates. */
    daysOf: (shown: ScheduleBoard) =>
      datedDays(shown, strips.value, view.value.settings, view.value.timeZone),
    /** Banners after the last shooting day. */
    afterOf: (shown: ScheduleBoard) => splitDays(shown).after,
    newId,
    /** Shows the order `by` for `scope` without sending it. */
    propose(scope: SortScope, by: SortKey) {
      preview.value = { scope, by };
    },
    /** Sends the proposed order as one `sort` op. */
    acceptPreview() {
      const p = preview.value;
      if (p !== null) void perform({ op: "sort", ...p });
    },
    cancelPreview() {
      preview.value = null;
    },
    dismissNotice() {
      notice.value = null;
    },
  };
}

/** The core's type, for the parts built on it. */
export type BoardCore = ReturnType<typeof createBoardCore>;

/**
 * The live stripboard: the core and the person's edits (stripboard_moves.ts)
 * as one signal model.
 *
 * @example
 * ```ts
 * const board = new StripboardModel(world, { initial: view });
 * board.stripKey(sceneKey, " "); // picked up
 * ```
 */
export const StripboardModel = createModel(
  (world: World, options: StripboardOptions) => {
    const core = createBoardCore(world, options);
    return { ...core, ...createBoardMoves(core, world) };
  },
);

/** A live stripboard, as its components take it. */
export type Stripboard = InstanceType<typeof StripboardModel>;
