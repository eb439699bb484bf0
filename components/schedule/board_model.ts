/**
 * The stripboard's live state as a pure state machine: the board the
 * server last confirmed (with its version) and this tab's ops on their way.
 * What the board shows is the pending ops applied over the confirmed board
 * with `applyOp`, the same function the server runs, so an edit shows at
 * once and the server's answer rarely changes what is seen.
 *
 * - A `schedule_update` one version ahead applies its op to the confirmed
 *   board (our own op's echo leaves the pending list as it does); one
 *   further ahead means events were missed: refetch.
 * - The server's answer to our op: one version ahead, it is applied at
 *   once; further ahead, the events between are awaited.
 * - A refused op leaves the pending list; the caller says why and
 *   refetches.
 *
 * No signals and no DOM here: `stripboard_model.ts` keeps a
 * {@linkcode BoardState} in a signal and calls these.
 *
 * @module
 */
import { applyOp, type BoardOp } from "@/lib/schedule/ops.ts";
import type { ScheduleBoard, Strip } from "@/lib/schedule/shared.ts";

/** One of this tab's ops the confirmed board does not hold yet. */
export interface PendingOp {
  opId: string;
  op: BoardOp;
  /** The board version the server committed it as, once it answered. */
  committed?: number;
}

/** The confirmed board, its version, and this tab's ops on their way. */
export interface BoardState {
  confirmed: ScheduleBoard;
  version: number;
  /** Oldest first. */
  pending: PendingOp[];
}

/** A `schedule_update` board event as the state machine reads it. */
export interface BoardEvent {
  version: number;
  op: BoardOp;
  opId: string | null;
}

/** A new state, and whether the board must be read again. */
export interface Outcome {
  state: BoardState;
  refetch: boolean;
}

/** The state of a board just read from the server. */
export function boardState(board: ScheduleBoard, version: number): BoardState {
  return { confirmed: board, version, pending: [] };
}

/**
 * The board as shown: the pending ops applied over the confirmed board in
 * order. An op that no longer fits (someone removed its day meanwhile) is
 * skipped; the server refuses it too.
 */
export function shownBoard(
  state: BoardState,
  strips: ReadonlyMap<string, Strip>,
): ScheduleBoard {
  let board = state.confirmed;
  for (const { op } of state.pending) {
    try {
      board = applyOp(board, op, strips);
    } catch {
      // Shown without it; its answer will be a conflict.
    }
  }
  return board;
}

/**
 * The state with `op` on its way. Throws `BoardOpError` when the op does
 * not fit the board as shown: there is nothing to send.
 */
export function addPending(
  state: BoardState,
  opId: string,
  op: BoardOp,
  strips: ReadonlyMap<string, Strip>,
): BoardState {
  applyOp(shownBoard(state, strips), op, strips);
  return { ...state, pending: [...state.pending, { opId, op }] };
}

function without(state: BoardState, opId: string | null): PendingOp[] {
  return opId === null
    ? state.pending
    : state.pending.filter((p) => p.opId !== opId);
}

/** A `schedule_update` with action "board". */
export function receiveBoardEvent(
  state: BoardState,
  event: BoardEvent,
  strips: ReadonlyMap<string, Strip>,
): Outcome {
  const pending = without(state, event.opId);
  // Already in the confirmed board (a refetch or our answer brought it).
  if (event.version <= state.version) {
    return { state: { ...state, pending }, refetch: false };
  }
  if (event.version !== state.version + 1) return { state, refetch: true };
  try {
    const confirmed = applyOp(state.confirmed, event.op, strips);
    return {
      state: { confirmed, version: event.version, pending },
      refetch: false,
    };
  } catch {
    // The server applied it to the board we hold: a mismatch means our
    // copy is off (the strips changed); read it again.
    return { state, refetch: true };
  }
}

/** The server committed our op `opId` as board version `version`. */
export function opAccepted(
  state: BoardState,
  opId: string,
  version: number,
  strips: ReadonlyMap<string, Strip>,
): BoardState {
  const mine = state.pending.find((p) => p.opId === opId);
  if (mine === undefined) return state; // its event came first
  if (version <= state.version) {
    return { ...state, pending: without(state, opId) };
  }
  if (version === state.version + 1) {
    const outcome = receiveBoardEvent(
      state,
      { version, op: mine.op, opId },
      strips,
    );
    if (!outcome.refetch) return outcome.state;
  }
  // Others' events come first: wait for them (and for our echo).
  return {
    ...state,
    pending: state.pending.map((p) =>
      p.opId === opId ? { ...p, committed: version } : p
    ),
  };
}

/** The server refused our op `opId`: it leaves the board. */
export function opRejected(state: BoardState, opId: string): BoardState {
  return { ...state, pending: without(state, opId) };
}

/**
 * The board read again. A read older than the board held is ignored
 * (events got further meanwhile); ops the read already holds (committed
 * at or before its version) leave the pending list.
 */
export function refetched(
  state: BoardState,
  board: ScheduleBoard,
  version: number,
): BoardState {
  if (version < state.version) return state;
  return {
    confirmed: board,
    version,
    pending: state.pending.filter((p) =>
      p.committed === undefined || p.committed > version
    ),
  };
}
