/**
 * The domain errors every service throws: one class per outcome, so a route
 * never decides a status code and a service never knows about HTTP.
 * `lib/http/errors.ts` maps them to DESIGN §4's JSON errors (404, 403, 409,
 * 400); pages map them to their HTML answers the same way.
 *
 * @example
 * ```ts
 * throw new NotFoundError("task");
 * throw new ForbiddenError("Only management creates tasks");
 * throw new ValidationError([{ path: ["title"], message: "Give the task a title" }]);
 * ```
 *
 * @module
 */

/** One field's problem, as zod reports issues (`path`, `message`). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The record does not exist — or the actor may not know it does: a record
 * the actor may not read is not found, never forbidden (no hint).
 */
export class NotFoundError extends Error {
  /** Creates the error; `what` names the record ("task", "shot"). */
  constructor(readonly what: string, message = `No such ${what}`) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The actor may see the record but may not do this to it. */
export class ForbiddenError extends Error {
  /** Creates the error; the message says what the role may not do. */
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/**
 * The change cannot apply to the record as it is now: a stale version
 * (`current` is the stored record), a taken unique value, a move the
 * record's state does not allow. `code` tells which, for clients.
 */
export class ConflictError extends Error {
  /** Creates the error. */
  constructor(
    message: string,
    readonly code: string = "conflict",
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/**
 * The input breaks a rule zod could not check (e.g. an inactive assignee),
 * or a request body is unusable (an upload cut short). `code` is
 * "validation" unless a client needs to tell the case apart
 * (`upload_interrupted`); `details` replaces the field issues for such a
 * case.
 */
export class ValidationError extends Error {
  /** Creates the error with one issue per field (none for a whole body). */
  constructor(
    readonly issues: FieldIssue[],
    message = issues[0]?.message ?? "The request is invalid",
    readonly code: string = "validation",
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** The input is past a size limit (a file, a script, a breakdown). */
export class TooLargeError extends Error {
  /** Creates the error; `details` names the limit for clients. */
  constructor(message: string, readonly details?: unknown) {
    super(message);
    this.name = "TooLargeError";
  }
}

/** The input is of a kind the operation does not accept (binary for text). */
export class UnsupportedTypeError extends Error {
  /** Creates the error; the message says what is accepted. */
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedTypeError";
  }
}
