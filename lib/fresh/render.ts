import {
  type AnyComponent,
  type ComponentChild,
  type ComponentType,
  Fragment,
  type FunctionComponent,
  h,
  type VNode,
} from "preact";
import type { Context } from "./context.ts";
import { getBuildCache } from "./context.ts";
import { renderToHtml } from "./runtime/server/islands.ts";
import type { LayoutConfig } from "./types.ts";

/** Props of page, layout, app and error components. */
export type PageProps<Data = unknown, State = unknown> =
  & Pick<
    Context<State>,
    | "config"
    | "url"
    | "req"
    | "params"
    | "info"
    | "state"
    | "isPartial"
    | "Component"
    | "error"
    | "route"
  >
  & { data: Data };

/** A component that may be async and may return a `Response`. */
export type AsyncAnyComponent<P> = (
  props: P,
) =>
  | Promise<ComponentChild | Response>
  | ComponentChild
  | Response;

/** A page, layout or app component as route modules export them. */
export type RouteComponent<State> =
  // Data is whatever the route's handler returned; checked by define.page.
  // deno-lint-ignore no-explicit-any
  | AnyComponent<PageProps<any, State>>
  // deno-lint-ignore no-explicit-any
  | AsyncAnyComponent<PageProps<any, State>>;

/** The layouts and app wrapper that apply to the current request. */
export interface UiTree<State> {
  app: RouteComponent<State> | null;
  layouts: { component: RouteComponent<State>; config: LayoutConfig | null }[];
  data?: unknown;
}

/** Builds the props a route component receives. */
export function pageProps<State>(
  ctx: Context<State>,
  data: unknown,
  child: FunctionComponent,
): PageProps<unknown, State> {
  return {
    config: ctx.config,
    url: ctx.url,
    req: ctx.req,
    params: ctx.params,
    info: ctx.info,
    state: ctx.state,
    isPartial: ctx.isPartial,
    error: ctx.error,
    route: ctx.route,
    Component: child,
    data,
  };
}

function isAsync(fn: unknown): boolean {
  return typeof fn === "function" && fn.constructor.name === "AsyncFunction";
}

/**
 * Turns a route component into a vnode. Async components are awaited here,
 * before the synchronous string render; they may also return a `Response`.
 */
export async function renderRouteComponent<State>(
  component: RouteComponent<State>,
  props: PageProps<unknown, State>,
): Promise<VNode | Response> {
  if (isAsync(component)) {
    const result = await (component as AsyncAnyComponent<typeof props>)(
      props,
    );
    if (result instanceof Response) return result;
    return h(Fragment, null, result);
  }
  return h(component as ComponentType<typeof props>, props) as VNode;
}

/**
 * Wraps `vnode` in the request's layouts and app wrapper and renders the
 * document, island markers and boot script included.
 */
export async function renderHtml<State>(
  ctx: Context<State>,
  ui: UiTree<State>,
  vnode: VNode | null,
  config: LayoutConfig,
): Promise<{ html: string; nonce: string } | Response> {
  const layouts = config.skipInheritedLayouts ? [] : ui.layouts;
  const app = config.skipAppWrapper ? null : ui.app;
  let current: VNode = vnode ?? h(Fragment, null);
  for (let i = layouts.length - 1; i >= 0; i--) {
    const child = current;
    const result = await renderRouteComponent(
      layouts[i].component,
      pageProps(ctx, ui.data, () => child),
    );
    if (result instanceof Response) return result;
    current = result;
  }
  let root: VNode;
  if (app !== null) {
    const child = current;
    const result = await renderRouteComponent(
      app,
      pageProps(ctx, ui.data, () => child),
    );
    if (result instanceof Response) return result;
    root = result;
  } else {
    root = h(
      "html",
      null,
      h("head", null, h("meta", { charset: "utf-8" })),
      h("body", null, current),
    );
  }
  const { html, nonce } = renderToHtml(
    root,
    getBuildCache(ctx),
    ctx.config.basePath,
  );
  return { html: "<!DOCTYPE html>" + html, nonce };
}
