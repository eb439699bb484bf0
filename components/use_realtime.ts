/**
 * The live-update subscription of an island: events of one type (or a
 * few) applied as they come, and a full reload when the server could not
 * replay what the tab missed (DESIGN §5 "resync").
 *
 * @module
 */
import { IS_BROWSER } from "fresh/runtime";
import { useEffect, useRef } from "preact/hooks";
import type { EventType } from "@/lib/policy.ts";
import type { EventFrame } from "@/realtime/protocol.ts";
import { getRealtimeClient, type RealtimeClient } from "@/realtime/client.ts";

/** The part of the realtime client a subscription uses. */
export type RealtimeSource = Pick<RealtimeClient, "subscribe" | "onResync">;

/**
 * Subscribes `apply` to every type in `types` and `reload` to resyncs on
 * `client`; returns the function that undoes both. Without `reload`, a
 * resync leaves what the island shows as it is (a feed of what happened
 * keeps its lines). {@linkcode useRealtime} is this inside a component.
 *
 * @example
 * ```ts
 * const off = subscribeRealtime(client, ["task_update"], apply, reload);
 * off();
 * ```
 */
export function subscribeRealtime<T extends EventType>(
  client: RealtimeSource,
  types: readonly T[],
  apply: (event: EventFrame<T>) => void,
  reload?: () => unknown,
): () => void {
  const offs = types.map((type) => client.subscribe(type, apply));
  if (reload) offs.push(client.onResync(() => void reload()));
  return () => offs.forEach((off) => off());
}

/**
 * In the browser, calls `apply(event)` for every event of `type` (one type
 * or a list; `null` subscribes to nothing) and `reload()`, when given, when
 * the client resyncs; always the latest callbacks of the render,
 * unsubscribed on unmount.
 *
 * @example
 * ```tsx
 * useRealtime("task_update", (event) => apply(event.data), async () => {
 *   tasks.value = await send("GET", "/api/tasks");
 * });
 * ```
 */
export function useRealtime<T extends EventType>(
  type: T | readonly T[] | null,
  apply: (event: EventFrame<T>) => void,
  reload?: () => unknown,
): void {
  const applyRef = useRef(apply);
  const reloadRef = useRef(reload);
  applyRef.current = apply;
  reloadRef.current = reload;
  const types: readonly T[] = type === null
    ? []
    : typeof type === "string"
    ? [type as T]
    : type as readonly T[];
  const reloads = reload !== undefined;
  const key = `${types.join(" ")}${reloads ? " +resync" : ""}`;
  useEffect(() => {
    if (!IS_BROWSER || types.length === 0) return;
    return subscribeRealtime(
      getRealtimeClient(),
      types,
      (event) => applyRef.current(event),
      reloads ? () => reloadRef.current?.() : undefined,
    );
  }, [key]);
}
