import type { FunctionComponent, VNode } from "preact";
import { isValidElement } from "preact";
import type { BuildCache } from "./build_cache.ts";
import type { ResolvedFreshConfig } from "./config.ts";
import { HttpError } from "./error.ts";
import { NONCE_SYMBOL } from "./middlewares/csp.ts";
import { renderHtml, type UiTree } from "./render.ts";
import type { LayoutConfig } from "./types.ts";

/** Handlers for a socket upgraded by {@linkcode Context.upgrade}. */
export interface WebSocketHandlers {
  /** The connection is open. */
  open?(socket: WebSocket): void;
  /** A message arrived. */
  message?(socket: WebSocket, event: MessageEvent): void;
  /** The connection closed; called once even if the runtime reports twice. */
  close?(socket: WebSocket, code: number, reason: string): void;
  /** An error occurred on the connection. */
  error?(socket: WebSocket, event: Event | ErrorEvent): void;
}

/** Options forwarded to `Deno.upgradeWebSocket()`. */
export interface WebSocketUpgradeOptions {
  /** Seconds without a pong before the runtime closes the socket. */
  idleTimeout?: number;
  /** Sub-protocol to negotiate. */
  protocol?: string;
}

/** @deprecated Use {@linkcode Context}. */
export type FreshContext<State = unknown> = Context<State>;

/** Gives sibling modules the per-request UI tree (layouts and app). */
export let getInternals: <S>(ctx: Context<S>) => UiTree<S>;
/** Gives sibling modules the build cache the request runs against. */
export let getBuildCache: <S>(ctx: Context<S>) => BuildCache;

/** The context passed to every middleware and handler; one per request. */
export class Context<State> {
  /** The resolved app configuration. */
  readonly config: ResolvedFreshConfig;
  /** The request URL, with runs of slashes in the path collapsed. */
  readonly url: URL;
  /** The incoming request. */
  req: Request;
  /** The matched route pattern, or null. */
  readonly route: string | null;
  /** Decoded parameters of the matched pattern. */
  readonly params: Record<string, string>;
  /** State shared by the middlewares of this request. */
  readonly state: State = {} as State;
  /** The error being handled, when rendering an error route. */
  error: unknown = null;
  /** Connection information from the server. */
  readonly info: Deno.ServeHandlerInfo;
  /** Always false: this subset has no partials. */
  readonly isPartial = false;
  /** Calls the next middleware in the chain. */
  next: () => Promise<Response>;
  /** The inner component, while a layout or the app wrapper renders. */
  Component!: FunctionComponent;

  #ui: UiTree<State> = { app: null, layouts: [] };
  #buildCache: BuildCache;

  static {
    getInternals = (ctx) => ctx.#ui;
    getBuildCache = (ctx) => ctx.#buildCache;
  }

  /** Creates the context; the app does this for every request. */
  constructor(
    req: Request,
    url: URL,
    info: Deno.ServeHandlerInfo,
    route: string | null,
    params: Record<string, string>,
    config: ResolvedFreshConfig,
    next: () => Promise<Response>,
    buildCache: BuildCache,
  ) {
    this.req = req;
    this.url = url;
    this.info = info;
    this.route = route;
    this.params = params;
    this.config = config;
    this.next = next;
    this.#buildCache = buildCache;
  }

  /**
   * Redirects to a path or URL. Runs of slashes in a path are collapsed, so
   * `//evil.example` becomes `/evil.example` on this site rather than an
   * open redirect to another host. Tabs and newlines (which browsers drop
   * when they read a `Location`) are removed first, and anything outside
   * printable ASCII is percent-encoded, so odd characters never fail the
   * response or change its meaning.
   *
   * @example
   * ```ts
   * return ctx.redirect("/login?next=/tasks", 303);
   * ```
   */
  redirect(pathOrUrl: string, status = 302): Response {
    return new Response(null, {
      status,
      headers: { location: toLocation(pathOrUrl) },
    });
  }

  /**
   * Renders JSX inside the active layouts and app wrapper into an HTML
   * response.
   *
   * @example
   * ```tsx
   * return ctx.render(<h1>Hello</h1>, { status: 201 });
   * ```
   */
  async render(
    // deno-lint-ignore no-explicit-any
    vnode: VNode<any> | null,
    init: ResponseInit = {},
    config: LayoutConfig = {},
  ): Promise<Response> {
    if (vnode !== null && !isValidElement(vnode)) {
      throw new Error("ctx.render() expects a JSX element or null");
    }
    const result = await renderHtml(this, this.#ui, vnode, config);
    if (result instanceof Response) return result;
    const headers = new Headers(init.headers);
    headers.set("Content-Type", "text/html; charset=utf-8");
    const response = new Response(result.html, {
      status: init.status ?? 200,
      statusText: init.statusText,
      headers,
    });
    // For csp(): the nonce travels on the object, never as a header.
    Object.defineProperty(response, NONCE_SYMBOL, { value: result.nonce });
    return response;
  }

  /** Responds with plain text. */
  text(content: string, init?: ResponseInit): Response {
    return new Response(content, init);
  }

  /** Responds with an HTML string. */
  html(content: string, init?: ResponseInit): Response {
    const headers = new Headers(init?.headers);
    headers.set("Content-Type", "text/html; charset=utf-8");
    return new Response(content, { ...init, headers });
  }

  /** Responds with JSON, like `Response.json()`. */
  json(content: unknown, init?: ResponseInit): Response {
    return Response.json(content, init);
  }

  /**
   * Upgrades the request to a WebSocket. Without handlers it returns the
   * socket and the response (bare mode); with handlers it wires them and
   * returns the response (managed mode). A request that is not a WebSocket
   * handshake gets `HttpError(400)`.
   *
   * @example
   * ```ts
   * app.get("/ws", (ctx) =>
   *   ctx.upgrade({ message: (socket, e) => socket.send(e.data) }));
   * ```
   */
  upgrade(
    options?: WebSocketUpgradeOptions,
  ): { socket: WebSocket; response: Response };
  upgrade(
    handlers: WebSocketHandlers,
    options?: WebSocketUpgradeOptions,
  ): Response;
  upgrade(
    handlersOrOptions?: WebSocketHandlers | WebSocketUpgradeOptions,
    maybeOptions?: WebSocketUpgradeOptions,
  ): Response | { socket: WebSocket; response: Response } {
    // Headers must be read before the upgrade takes the request over.
    if (this.req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      throw new HttpError(400, "Expected a WebSocket upgrade request");
    }
    const managed = isWebSocketHandlers(handlersOrOptions);
    const options = managed
      ? maybeOptions
      : handlersOrOptions as WebSocketUpgradeOptions;
    const { socket, response } = Deno.upgradeWebSocket(this.req, options);
    if (!managed) return { socket, response };
    attachHandlers(socket, handlersOrOptions);
    return response;
  }
}

/**
 * A `Location` value a browser reads the way we meant: what the URL parser
 * ignores (tabs and newlines anywhere, controls and spaces at the ends) is
 * removed before slashes are collapsed, absolute URLs are re-serialised and
 * the rest is percent-encoded to printable ASCII.
 */
function toLocation(pathOrUrl: string): string {
  const text = pathOrUrl.replace(/[\t\n\r]/g, "")
    // deno-lint-ignore no-control-regex -- C0 controls are what URLs trim.
    .replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
  if (text.startsWith("/") || text.startsWith("\\")) {
    const cut = text.search(/[?#]/);
    const path = cut === -1 ? text : text.slice(0, cut);
    const rest = cut === -1 ? "" : text.slice(cut);
    // Browsers read a backslash as a slash, so `/\evil` is `//evil` too.
    return encodeUnprintable(path.replace(/[\\/]+/g, "/") + rest);
  }
  if (URL.canParse(text)) return new URL(text).href;
  return encodeUnprintable(text);
}

function encodeUnprintable(text: string): string {
  return text.replace(/[^\x21-\x7e]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      // A lone surrogate: what the URL parser would make of it.
      return "%EF%BF%BD";
    }
  });
}

function isWebSocketHandlers(value: unknown): value is WebSocketHandlers {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return ["open", "message", "close", "error"].some((k) =>
    typeof v[k] === "function"
  );
}

function attachHandlers(socket: WebSocket, handlers: WebSocketHandlers) {
  let closed = false;
  if (handlers.open) socket.onopen = () => handlers.open!(socket);
  if (handlers.message) {
    socket.onmessage = (e) => handlers.message!(socket, e);
  }
  if (handlers.error) socket.onerror = (e) => handlers.error!(socket, e);
  socket.onclose = (e) => {
    // The runtime can report a close twice; handlers see it once.
    if (closed) return;
    closed = true;
    handlers.close?.(socket, e.code, e.reason);
  };
}
