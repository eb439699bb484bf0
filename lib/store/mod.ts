/**
 * Typed Deno KV storage: repositories, atomic transactions and the event
 * log that commits with them.
 *
 * @module
 */
export {
  CommitTooLargeError,
  NotFoundError,
  StoreBusyError,
  UniqueViolationError,
  ValueTooLargeError,
  VersionConflictError,
} from "./errors.ts";
export {
  type EventInput,
  type EventPage,
  latestEventId,
  readEventsAfter,
  type StoredEvent,
} from "./event_log.ts";
export { COMMIT_LIMITS, limitKv, openKv } from "./kv.ts";
export {
  type BaseRecord,
  type IndexSpec,
  type NewRecord,
  Repository,
} from "./repository.ts";
export {
  type Committed,
  observeCommits,
  transact,
  Transaction,
} from "./transaction.ts";
