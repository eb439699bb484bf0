import type { Context } from "./context.ts";
import type { Method } from "./router.ts";

/** What a handler returns to have the route's page component rendered. */
export interface PageResponse<T> {
  /** Passed to the page component as `props.data`. */
  data: T;
  /** Extra response headers. */
  headers?: HeadersInit;
  /** Response status; defaults to 200. */
  status?: number;
}

/** A handler for one method (or for all, when exported as a function). */
export type HandlerFn<Data, State> = (
  ctx: Context<State>,
) =>
  | Response
  | PageResponse<Data>
  | Promise<Response | PageResponse<Data>>;

/** Handlers keyed by HTTP method. */
export type HandlerByMethod<Data, State> = {
  [M in Method]?: HandlerFn<Data, State>;
};

/** A route module's `handler` export: one function or one per method. */
export type RouteHandler<Data, State> =
  | HandlerFn<Data, State>
  | HandlerByMethod<Data, State>;

/**
 * Builds a {@linkcode PageResponse}: the page component renders with `data`.
 *
 * @example
 * ```ts
 * export const handler = define.handlers({
 *   GET: () => page({ greeting: "hi" }, { headers: { "x-a": "1" } }),
 * });
 * ```
 */
export function page<T>(
  data?: T,
  options?: { headers?: HeadersInit; status?: number },
): PageResponse<T> {
  return {
    data: data as T,
    headers: options?.headers,
    status: options?.status,
  };
}

/** True when a handler export is the per-method object form. */
export function isHandlerByMethod<D, S>(
  handler: RouteHandler<D, S>,
): handler is HandlerByMethod<D, S> {
  return handler !== null && typeof handler === "object";
}
