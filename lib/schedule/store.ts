/**
 * The schedule in KV, per production:
 *
 * - `["schedule_head"]`: the working board's version and how many chunks
 *   hold it; `["schedule_rows", "working", n]` the chunks.
 * - `["schedule_settings"]`: the calendar and the rest (shared.ts).
 * - `schedule_versions`: saved versions, each with its board in
 *   `["schedule_rows", id, n]`.
 *
 * A board of 1,500 strips is about 60 KB, near KV's 64 KiB per value, so
 * boards are cut into chunks; a board write checks only its head (the
 * chunks change with it), so it stays within the commit limits.
 *
 * @module
 */
import { z } from "zod";
import { MAX_VALUE_BYTES, Transaction } from "@/lib/store/transaction.ts";
import { Repository } from "@/lib/store/repository.ts";
import { TooLargeError } from "@/lib/errors.ts";
import { type ScheduleVersion, ScheduleVersionSchema } from "./schemas.ts";
import type { BoardItem, ScheduleBoard } from "./shared.ts";

/** Saved versions of the schedule (their boards in chunks). */
export const scheduleVersions = new Repository<ScheduleVersion>({
  name: "schedule_versions",
  schema: ScheduleVersionSchema,
});

const HEAD_KEY: Deno.KvKey = ["schedule_head"];
/** Where the schedule's settings live. */
export const SETTINGS_KEY: Deno.KvKey = ["schedule_settings"];

/** Chunks a board may take: 9 of them and the head fit one `getMany`. */
export const MAX_BOARD_CHUNKS = 9;
// Room under KV's value limit for the serialiser's own bytes.
const CHUNK_BYTES = MAX_VALUE_BYTES - 8 * 1024;

const HeadSchema = z.object({
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
  chunks: z.number().int().nonnegative(),
});

/** The working board's head: its version and chunk count. */
export type BoardHead = z.infer<typeof HeadSchema>;

/** A stored chunk: rows of the board, or of its boneyard. */
interface Chunk {
  items: BoardItem[];
  boneyard: string[];
}

function rowsKey(owner: string, n: number): Deno.KvKey {
  return ["schedule_rows", owner, n];
}

const encoder = new TextEncoder();
const sizeOf = (value: unknown) =>
  encoder.encode(JSON.stringify(value)).byteLength;

/**
 * Cuts a board into chunks that each fit a KV value; throws
 * {@linkcode TooLargeError} past {@linkcode MAX_BOARD_CHUNKS}.
 */
export function chunkBoard(board: ScheduleBoard): Chunk[] {
  const chunks: Chunk[] = [{ items: [], boneyard: [] }];
  let bytes = 0;
  const room = (size: number) => {
    if (bytes + size > CHUNK_BYTES) {
      chunks.push({ items: [], boneyard: [] });
      bytes = 0;
    }
    bytes += size;
    return chunks[chunks.length - 1];
  };
  for (const item of board.items) room(sizeOf(item) + 1).items.push(item);
  for (const key of board.boneyard) room(sizeOf(key) + 1).boneyard.push(key);
  if (chunks.length > MAX_BOARD_CHUNKS) {
    throw new TooLargeError("The schedule is too large to store", {
      maxChunks: MAX_BOARD_CHUNKS,
    });
  }
  return chunks;
}

function joinChunks(chunks: (Chunk | null)[]): ScheduleBoard {
  const board: ScheduleBoard = { items: [], boneyard: [] };
  for (const chunk of chunks) {
    if (chunk === null) continue;
    board.items.push(...chunk.items);
    board.boneyard.push(...chunk.boneyard);
  }
  return board;
}

/** Writes `board` as `owner`'s chunks, deleting any it no longer needs. */
function writeChunks(
  tx: Transaction,
  owner: string,
  board: ScheduleBoard,
  before: number,
): number {
  const chunks = chunkBoard(board);
  chunks.forEach((chunk, n) => tx.set(rowsKey(owner, n), chunk));
  for (let n = chunks.length; n < before; n++) tx.delete(rowsKey(owner, n));
  return chunks.length;
}

async function readChunks(
  kv: Deno.Kv,
  owner: string,
  count: number,
): Promise<ScheduleBoard> {
  if (count === 0) return { items: [], boneyard: [] };
  const keys = Array.from({ length: count }, (_, n) => rowsKey(owner, n));
  const entries = await kv.getMany<Chunk[]>(keys);
  return joinChunks(entries.map((e) => e.value));
}

/**
 * The working board and its head (version 0, empty, before the first
 * edit). Through a transaction, the head is checked at commit: chunks
 * only change with it.
 */
export async function readWorkingBoard(
  reader: Deno.Kv | Transaction,
): Promise<{ head: BoardHead; board: ScheduleBoard }> {
  const entry = await reader.get<BoardHead>(HEAD_KEY);
  const head = entry.value === null
    ? { version: 0, updatedAt: "", chunks: 0 }
    : HeadSchema.parse(entry.value);
  const kv = reader instanceof Transaction ? reader.kv : reader;
  return { head, board: await readChunks(kv, "working", head.chunks) };
}

/** Stores the working board as version `head.version + 1`. */
export function writeWorkingBoard(
  tx: Transaction,
  head: BoardHead,
  board: ScheduleBoard,
  now: Date,
): BoardHead {
  const chunks = writeChunks(tx, "working", board, head.chunks);
  const next = {
    version: head.version + 1,
    updatedAt: now.toISOString(),
    chunks,
  };
  tx.set(HEAD_KEY, next);
  return next;
}

/** Stores a saved version's board; returns its chunk count. */
export function writeVersionBoard(
  tx: Transaction,
  versionId: string,
  board: ScheduleBoard,
): number {
  return writeChunks(tx, versionId, board, 0);
}

/** A saved version's board. */
export function readVersionBoard(
  kv: Deno.Kv,
  version: Pick<ScheduleVersion, "id" | "chunks">,
): Promise<ScheduleBoard> {
  return readChunks(kv, version.id, version.chunks);
}

/** Deletes a saved version's board chunks (the version record goes apart). */
export function deleteVersionBoard(
  tx: Transaction,
  version: Pick<ScheduleVersion, "id" | "chunks">,
): void {
  for (let n = 0; n < version.chunks; n++) tx.delete(rowsKey(version.id, n));
}
