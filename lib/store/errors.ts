/** The record does not exist. */
export class NotFoundError extends Error {
  /** Creates the error for `collection`/`id`. */
  constructor(readonly collection: string, readonly id: string) {
    super(`No ${collection} record with id ${id}`);
    this.name = "NotFoundError";
  }
}

/** The caller's version is stale; `current` is what is stored now. */
export class VersionConflictError extends Error {
  /** Creates the error with the stored record. */
  constructor(readonly current: unknown, readonly expected: number) {
    super(
      `Version ${expected} is stale; the record is at version ${
        (current as { version?: number }).version
      }`,
    );
    this.name = "VersionConflictError";
  }
}

/** A unique index already holds the value. */
export class UniqueViolationError extends Error {
  /** Creates the error for the index and the taken value. */
  constructor(readonly index: string, readonly value: string) {
    super(`${index} "${value}" is already taken`);
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
