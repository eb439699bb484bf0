import type { RouteHandler } from "./handlers.ts";
import type { Middleware } from "./middlewares/mod.ts";
import type { AsyncAnyComponent, PageProps } from "./render.ts";

/** Typed identity helpers returned by {@linkcode createDefine}. */
export interface Define<State> {
  /** Types a route's `handler` export. */
  handlers<
    Data,
    // deno-lint-ignore no-explicit-any
    H extends RouteHandler<Data, State> = RouteHandler<any, State>,
  >(
    handlers: H,
  ): H;
  /** Types a page; `define.page<typeof handler>` infers `props.data`. */
  page<
    // deno-lint-ignore no-explicit-any
    Handler extends RouteHandler<any, State> = never,
    Data = Handler extends RouteHandler<infer D, State> ? D : never,
  >(
    render: AsyncAnyComponent<PageProps<Data, State>>,
  ): AsyncAnyComponent<PageProps<Data, State>>;
  /** Types a `_layout` component. */
  layout(
    render: AsyncAnyComponent<PageProps<unknown, State>>,
  ): AsyncAnyComponent<PageProps<unknown, State>>;
  /** Types a middleware or a list of them. */
  middleware<T extends Middleware<State> | Middleware<State>[]>(m: T): T;
}

/**
 * Creates typed `define.*` helpers for an app's `State`. They return their
 * argument unchanged; they exist for type inference.
 *
 * @example
 * ```ts
 * export const define = createDefine<{ user: string }>();
 * export const handler = define.handlers({ GET: () => page({ n: 1 }) });
 * export default define.page<typeof handler>(({ data }) => <p>{data.n}</p>);
 * ```
 */
export function createDefine<State>(): Define<State> {
  return {
    handlers: (handlers) => handlers,
    page: (render) => render,
    layout: (render) => render,
    middleware: (m) => m,
  };
}
