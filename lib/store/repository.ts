import type { z } from "zod";
import {
  NotFoundError,
  UniqueViolationError,
  VersionConflictError,
} from "./errors.ts";
import type { Transaction } from "./transaction.ts";

/** Fields every stored record has. */
export interface BaseRecord {
  id: string;
  /** 1 on create, +1 on every write. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A secondary index: the key parts a record is found by. */
export interface IndexSpec<T> {
  /** Index name; keys live under `<collection>_by_<name>`. */
  name: string;
  /** Key parts for a record, or null to leave it out of the index. */
  key: (record: T) => Deno.KvKeyPart[] | null;
  /** At most one record per key. */
  unique?: boolean;
}

/** Options of a {@linkcode Repository}. */
export interface RepositoryOptions<T> {
  /** Collection name: records live under `[name, id]`. */
  name: string;
  /** Zod schema of a whole record; parsed on every read and write. */
  // deno-lint-ignore no-explicit-any
  schema: z.ZodType<T, any>;
  indexes?: IndexSpec<T>[];
}

/** The data a caller supplies; the repository adds the base fields. */
export type NewRecord<T extends BaseRecord> = Omit<T, keyof BaseRecord>;

/**
 * Ids longer than this are never found: generated ids are UUIDs, and even
 * 256 three-byte characters keep a key well under KV's 2 KiB.
 */
export const MAX_ID_LENGTH = 256;

/** KV's limit on a key's encoded size for reads (2 KiB). */
const MAX_KEY_BYTES = 2048;

/**
 * At least the encoded size of `key` (strings as UTF-8, each NUL escaped to
 * two bytes, plus a type byte and a terminator per part): a key over the
 * limit by this count is over it in KV's own.
 */
function keyBytes(key: Deno.KvKey): number {
  let bytes = 0;
  for (const part of key) {
    if (typeof part === "string") {
      bytes += new TextEncoder().encode(part).byteLength + 2 +
        (part.match(/\0/g)?.length ?? 0);
    } else if (part instanceof Uint8Array) bytes += part.byteLength + 2;
    else bytes += 9;
  }
  return bytes;
}

/** Either the store itself or a transaction over it. */
type Reader = Deno.Kv | Transaction;

/**
 * A typed collection in Deno KV. Writes go through a {@linkcode Transaction}
 * so the record, its index entries and its event commit together.
 *
 * @example
 * ```ts
 * const users = new Repository({ name: "users", schema: UserSchema,
 *   indexes: [{ name: "username", key: (u) => [u.username], unique: true }] });
 * await transact(kv, (tx) => users.insert(tx, { username: "ada", ... }));
 * ```
 */
export class Repository<T extends BaseRecord> {
  readonly name: string;
  #schema: RepositoryOptions<T>["schema"];
  #indexes: IndexSpec<T>[];

  /** Creates the repository. */
  constructor(options: RepositoryOptions<T>) {
    this.name = options.name;
    this.#schema = options.schema;
    this.#indexes = options.indexes ?? [];
  }

  /** The key of a record. */
  key(id: string): Deno.KvKey {
    return [this.name, id];
  }

  /** Reads one record, or null. Inside a transaction the read is checked. */
  async get(reader: Reader, id: string): Promise<T | null> {
    // No id is this long, and KV would refuse the key with an error.
    if (id.length > MAX_ID_LENGTH) return null;
    return this.read(await reader.get<unknown>(this.key(id)));
  }

  /** The record an entry read elsewhere (a `getMany`) holds, or null. */
  read(entry: Deno.KvEntryMaybe<unknown>): T | null {
    return entry.value === null ? null : this.#schema.parse(entry.value);
  }

  /** Reads one record or throws {@linkcode NotFoundError}. */
  async require(reader: Reader, id: string): Promise<T> {
    const record = await this.get(reader, id);
    if (record === null) throw new NotFoundError(this.name, id);
    return record;
  }

  /** Reads every record, in id order. */
  async list(kv: Deno.Kv): Promise<T[]> {
    const records: T[] = [];
    for await (const entry of kv.list<unknown>({ prefix: [this.name] })) {
      records.push(this.#schema.parse(entry.value));
    }
    return records;
  }

  /** Records whose index key starts with `parts`. */
  async findBy(kv: Deno.Kv, index: string, ...parts: Deno.KvKeyPart[]) {
    const spec = this.#index(index);
    const ids: string[] = [];
    const prefix = [this.#indexName(spec), ...parts];
    // A value from a request (a filter) too long for any stored key finds
    // nothing; KV would refuse the key with an error (a 500).
    if (keyBytes(prefix) > MAX_KEY_BYTES) return [];
    for await (const entry of kv.list<string>({ prefix })) {
      ids.push(entry.value);
    }
    if (spec.unique) {
      const exact = await kv.get<string>(prefix);
      if (exact.value !== null) ids.unshift(exact.value);
    }
    const records: T[] = [];
    for (let i = 0; i < ids.length; i += 10) {
      const entries = await kv.getMany<unknown[]>(
        ids.slice(i, i + 10).map((id) => this.key(id)),
      );
      for (const entry of entries) {
        if (entry.value !== null) records.push(this.#schema.parse(entry.value));
      }
    }
    return records;
  }

  /**
   * Records in index order (or reversed), at most `limit`: e.g. the 50
   * newest expenses without reading the other thousands.
   */
  async listByIndex(
    kv: Deno.Kv,
    index: string,
    options: { prefix?: Deno.KvKeyPart[]; reverse?: boolean; limit?: number } =
      {},
  ): Promise<T[]> {
    const prefix = [
      this.#indexName(this.#index(index)),
      ...(options.prefix ?? []),
    ];
    const ids: string[] = [];
    const iter = kv.list<string>({ prefix }, {
      reverse: options.reverse,
      limit: options.limit,
    });
    for await (const entry of iter) ids.push(entry.value);
    const records: T[] = [];
    for (let i = 0; i < ids.length; i += 10) {
      const entries = await kv.getMany<unknown[]>(
        ids.slice(i, i + 10).map((id) => this.key(id)),
      );
      for (const entry of entries) {
        if (entry.value !== null) records.push(this.#schema.parse(entry.value));
      }
    }
    return records;
  }

  /**
   * Whether any record exists (under an index's `parts` when `index` is
   * given), for "is this module empty?" without knowing the collection's
   * key layout.
   */
  async hasAny(
    kv: Deno.Kv,
    index?: string,
    ...parts: Deno.KvKeyPart[]
  ): Promise<boolean> {
    return await this.#countUpTo(kv, index, parts, 1) > 0;
  }

  /**
   * How many records exist (under an index's `parts` when `index` is
   * given), counting keys without reading values.
   */
  count(
    kv: Deno.Kv,
    index?: string,
    ...parts: Deno.KvKeyPart[]
  ): Promise<number> {
    return this.#countUpTo(kv, index, parts, Infinity);
  }

  async #countUpTo(
    kv: Deno.Kv,
    index: string | undefined,
    parts: Deno.KvKeyPart[],
    limit: number,
  ): Promise<number> {
    const prefix = this.#prefix(index, parts);
    let n = 0;
    // A unique index keys a record by its value alone: the prefix itself.
    if (index !== undefined && this.#index(index).unique) {
      if ((await kv.get(prefix)).value !== null) n++;
    }
    const iter = kv.list({ prefix }, { batchSize: 500 });
    for await (const _ of iter) {
      if (++n >= limit) break;
    }
    return n;
  }

  #prefix(index: string | undefined, parts: Deno.KvKeyPart[]): Deno.KvKey {
    return index === undefined
      ? [this.name]
      : [this.#indexName(this.#index(index)), ...parts];
  }

  /**
   * The record with the greatest index key under `parts` (e.g. the last
   * card of a column), or null.
   */
  async lastBy(
    kv: Deno.Kv,
    index: string,
    ...parts: Deno.KvKeyPart[]
  ): Promise<T | null> {
    const prefix = [this.#indexName(this.#index(index)), ...parts];
    for await (
      const entry of kv.list<string>({ prefix }, { reverse: true, limit: 1 })
    ) {
      return await this.get(kv, entry.value);
    }
    return null;
  }

  /**
   * Creates a record with a new id (or `options.id`), version 1. A given id
   * is checked to be free at commit; a generated one (or a given id marked
   * `fresh`: a random UUID the caller just made) needs no check, so bulk
   * inserts stay within the ten checks a commit may carry.
   */
  async insert(
    tx: Transaction,
    data: NewRecord<T>,
    options: { id?: string; now?: Date; fresh?: boolean } = {},
  ): Promise<T> {
    const now = (options.now ?? new Date()).toISOString();
    const record = this.#schema.parse({
      ...data,
      id: options.id ?? crypto.randomUUID(),
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    if (options.id !== undefined && !options.fresh) {
      const existing = await tx.get(this.key(record.id));
      if (existing.value !== null) {
        throw new UniqueViolationError(`${this.name} id`, record.id);
      }
    }
    await this.#writeIndexes(tx, null, record);
    tx.set(this.key(record.id), record);
    return record;
  }

  /**
   * Applies `change` to the current record. With `ifVersion`, a stale
   * version throws {@linkcode VersionConflictError} carrying the current one.
   */
  async update(
    tx: Transaction,
    id: string,
    change: (current: T) => Partial<NewRecord<T>>,
    options: { ifVersion?: number; now?: Date } = {},
  ): Promise<{ before: T; after: T }> {
    const before = await this.require(tx, id);
    if (
      options.ifVersion !== undefined && options.ifVersion !== before.version
    ) {
      throw new VersionConflictError(before, options.ifVersion);
    }
    const after = this.#schema.parse({
      ...before,
      ...change(before),
      id,
      version: before.version + 1,
      createdAt: before.createdAt,
      updatedAt: (options.now ?? new Date()).toISOString(),
    });
    await this.#writeIndexes(tx, before, after);
    tx.set(this.key(id), after);
    return { before, after };
  }

  /**
   * Deletes a record, its index entries and (right after the commit, see
   * history.ts) its change history.
   */
  async remove(
    tx: Transaction,
    id: string,
    options: { ifVersion?: number } = {},
  ): Promise<T> {
    const before = await this.require(tx, id);
    if (
      options.ifVersion !== undefined && options.ifVersion !== before.version
    ) {
      throw new VersionConflictError(before, options.ifVersion);
    }
    await this.#writeIndexes(tx, before, null);
    tx.delete(this.key(id));
    tx.dropHistory(this.name, id);
    return before;
  }

  async #writeIndexes(tx: Transaction, before: T | null, after: T | null) {
    for (const spec of this.#indexes) {
      const oldKey = before === null ? null : this.#indexKey(spec, before);
      const newKey = after === null ? null : this.#indexKey(spec, after);
      if (sameKey(oldKey, newKey)) continue;
      if (oldKey !== null) tx.delete(oldKey);
      if (newKey === null) continue;
      if (spec.unique) {
        const taken = await tx.get<string>(newKey);
        if (taken.value !== null && taken.value !== after!.id) {
          throw new UniqueViolationError(
            spec.name,
            spec.key(after!)!.join("/"),
          );
        }
      }
      tx.set(newKey, after!.id);
    }
  }

  #indexKey(spec: IndexSpec<T>, record: T): Deno.KvKey | null {
    const parts = spec.key(record);
    if (parts === null) return null;
    const base = [this.#indexName(spec), ...parts];
    return spec.unique ? base : [...base, record.id];
  }

  #indexName(spec: IndexSpec<T>): string {
    return `${this.name}_by_${spec.name}`;
  }

  #index(name: string): IndexSpec<T> {
    const spec = this.#indexes.find((i) => i.name === name);
    if (spec === undefined) throw new Error(`${this.name}: no index ${name}`);
    return spec;
  }
}

function sameKey(a: Deno.KvKey | null, b: Deno.KvKey | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((part, i) => part === b[i]);
}
