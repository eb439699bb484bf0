/**
 * The shape every module's service follows: operations are functions of a
 * {@linkcode ServiceContext} (the store, who is asking, a clock) and the
 * input; they authorize from the one policy table ({@linkcode assertCan}),
 * find records or throw {@linkcode NotFoundError} ({@linkcode requireRecord}),
 * and log their events with who made them ({@linkcode emit}). Routes parse
 * input, call one service function and map its result; they decide no rule.
 *
 * @example
 * ```ts
 * export async function deleteTask(cx: ServiceContext, id: string) {
 *   await transact(cx.kv, async (tx) => {
 *     const task = await requireRecord(tasks, tx, id, (t) => canSee(cx.actor, t));
 *     assertCan(cx, "tasks", "delete", task, "Only management deletes tasks");
 *     const removed = await tasks.remove(tx, id);
 *     emit(tx, cx, "task_update", { assigneeId: removed.assigneeId }, { action: "deleted", task: removed });
 *   });
 * }
 * ```
 *
 * @module
 */
import { ForbiddenError, NotFoundError } from "./errors.ts";
import { eventActor } from "./event_actor.ts";
import {
  type Action,
  type Actor,
  type Audience,
  audienceFor,
  can,
  type EventSubject,
  type EventType,
  type Module,
  type OwnedRecord,
} from "./policy.ts";
import type { BaseRecord, Repository } from "./store/repository.ts";
import type { Transaction } from "./store/transaction.ts";

/** The person a service acts for: id, role (for the policy) and name. */
export interface ServiceActor extends Actor {
  name: string;
}

/**
 * What every service operation needs: the store, who is asking (their
 * stored role, read on this request) and the time. Built once per request
 * by middleware; tests build it with a fixed clock.
 */
export interface ServiceContext {
  kv: Deno.Kv;
  actor: ServiceActor;
  /** The current time; a test passes a fixed one. */
  now: () => Date;
}

/**
 * What an operation of the signed-in account outside any production needs
 * (its productions, its home page): the whole store, the account and the
 * time. A studio operation's context (lib/studio/context.ts) is one.
 */
export interface AccountContext {
  /** The whole store (never one production's view). */
  kv: Deno.Kv;
  actor: { id: string; name: string };
  /** The current time; a test passes a fixed one. */
  now: () => Date;
}

/** A context for `actor` on `kv`, on the real clock unless `now` is given. */
export function serviceContext(
  kv: Deno.Kv,
  actor: ServiceActor,
  now: () => Date = () => new Date(),
): ServiceContext {
  return { kv, actor, now };
}

/**
 * Throws {@linkcode ForbiddenError} with `message` unless the policy table
 * lets the actor do `action` in `module` (on `record`, for owner rules).
 */
export function assertCan<M extends Module>(
  cx: ServiceContext,
  module: M,
  action: Action<M>,
  record: OwnedRecord | undefined,
  message: string,
): void {
  if (!can(cx.actor, module, action, record)) throw new ForbiddenError(message);
}

/**
 * The record with `id`, or {@linkcode NotFoundError} when it does not exist
 * or `visible` says the actor may not know of it (never a hint that it
 * exists). Read through a transaction, the read is checked at commit.
 */
export async function requireRecord<T extends BaseRecord>(
  repository: Repository<T>,
  reader: Deno.Kv | Transaction,
  id: string,
  what: string,
  visible: (record: T) => boolean = () => true,
): Promise<T> {
  const record = await repository.get(reader, id);
  if (record === null || !visible(record)) throw new NotFoundError(what);
  return record;
}

/**
 * Who an event names as its author: a production's service context, or a
 * studio operation's (lib/studio/context.ts), whose actor has no role.
 */
export interface EventSource {
  actor: { id: string; name?: string };
}

/**
 * Logs an event in the transaction's commit: its audience from the policy
 * table (`subject` names the users it also concerns) and `data` with who
 * made the change (`by`), so every reader can say so without a lookup.
 */
export function emit(
  tx: Transaction,
  cx: EventSource,
  type: EventType,
  subject: EventSubject,
  data: Record<string, unknown>,
): void {
  tx.emit({
    type,
    audience: audienceFor(type, subject),
    data: { ...data, by: eventActor(cx.actor) },
  });
}

/**
 * Logs an event for an audience the service computed itself: events about
 * records of any module (a link, a comment, an inbox item) go to who may
 * see those records, which no single module row says.
 */
export function emitTo(
  tx: Transaction,
  cx: EventSource,
  type: EventType,
  audience: Audience,
  data: Record<string, unknown>,
): void {
  tx.emit({ type, audience, data: { ...data, by: eventActor(cx.actor) } });
}
