import {
  ConflictError,
  NotFoundError as RecordNotFoundError,
} from "@/lib/errors.ts";

/** The record does not exist (a domain {@linkcode RecordNotFoundError}). */
export class NotFoundError extends RecordNotFoundError {
  /** Creates the error for `collection`/`id`. */
  constructor(readonly collection: string, readonly id: string) {
    super(collection, `No ${collection} record with id ${id}`);
    this.name = "NotFoundError";
  }
}

/**
 * The caller's version is stale; `current` is what is stored now (a
 * {@linkcode ConflictError} whose details carry it).
 */
export class VersionConflictError extends ConflictError {
  /** Creates the error with the stored record. */
  constructor(readonly current: unknown, readonly expected: number) {
    super(
      "Someone else changed this first; here is the current version",
      "version_conflict",
      { current },
    );
    this.name = "VersionConflictError";
  }
}

/** A unique index already holds the value (a {@linkcode ConflictError}). */
export class UniqueViolationError extends ConflictError {
  /** Creates the error for the index and the taken value. */
  constructor(readonly index: string, readonly value: string) {
    super(`${index} "${value}" is already taken`, "conflict", {
      field: index,
    });
    this.name = "UniqueViolationError";
  }
}

/** A value would exceed Deno KV's 64 KiB limit. */
export class ValueTooLargeError extends Error {
  /** Creates the error for a value of `bytes` bytes. */
  constructor(readonly bytes: number, readonly limit: number) {
    super(`The record is too large (${bytes} bytes; the limit is ${limit})`);
    this.name = "ValueTooLargeError";
  }
}

/** Commits kept conflicting with other writers; the caller may retry. */
export class StoreBusyError extends Error {
  /** Creates the error after `attempts` tries. */
  constructor(readonly attempts: number) {
    super(`The store is busy: gave up after ${attempts} attempts`);
    this.name = "StoreBusyError";
  }
}

/**
 * An atomic commit would exceed the strictest KV backend's limits (10
 * checks, 1,000 mutations, 800 KiB): a bug in the code that built it, which
 * `operation` names. Nothing was written.
 */
export class CommitTooLargeError extends Error {
  /** Creates the error: `over` says which limit, `operation` whose commit. */
  constructor(readonly over: string, readonly operation: string) {
    super(`An atomic commit carries ${over}; built by ${operation}`);
    this.name = "CommitTooLargeError";
  }
}
