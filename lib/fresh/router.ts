/** HTTP methods the router dispatches on. */
export type Method =
  | "GET"
  | "HEAD"
  | "POST"
  | "PUT"
  | "PATCH"
  | "DELETE"
  | "OPTIONS";

/** Every method, in the order used for `Allow` headers. */
export const METHODS: readonly Method[] = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
];

interface RouteEntry<T> {
  pattern: string;
  urlPattern: URLPattern | null;
  methods: Map<Method, T>;
}

/** The outcome of {@linkcode Router.match}. */
export interface RouteMatch<T> {
  /** What was registered for the method; null when nothing was. */
  item: T | null;
  /** Decoded path parameters. */
  params: Record<string, string>;
  /** The matched route pattern, or null when no pattern matched. */
  pattern: string | null;
  /** Methods registered for the matched pattern (for `Allow`). */
  allowed: Method[];
}

const DYNAMIC_CHARS = /[:*(){}?+]/;

/**
 * Matches a method and URL to what was registered for them. Static patterns
 * win over dynamic ones; dynamic patterns are tried in registration order.
 * HEAD falls back to GET.
 */
export class Router<T> {
  #statics = new Map<string, RouteEntry<T>>();
  #dynamics: RouteEntry<T>[] = [];
  #byPattern = new Map<string, RouteEntry<T>>();

  /** Registers `item` for `method` on `pattern`; the first one added wins. */
  add(method: Method, pattern: string, item: T): void {
    let entry = this.#byPattern.get(pattern);
    if (entry === undefined) {
      const isStatic = !DYNAMIC_CHARS.test(pattern);
      entry = {
        pattern,
        urlPattern: isStatic ? null : new URLPattern({ pathname: pattern }),
        methods: new Map(),
      };
      this.#byPattern.set(pattern, entry);
      if (isStatic) this.#statics.set(pattern, entry);
      else this.#dynamics.push(entry);
    }
    if (!entry.methods.has(method)) entry.methods.set(method, item);
  }

  /**
   * Finds the route for `method` and `pathname`. Throws `URIError` when a
   * parameter is not valid percent-encoding.
   */
  match(method: string, pathname: string): RouteMatch<T> {
    let entry = this.#statics.get(pathname);
    let params: Record<string, string> = {};
    if (entry === undefined) {
      for (const candidate of this.#dynamics) {
        const result = candidate.urlPattern!.exec({ pathname });
        if (result !== null) {
          entry = candidate;
          params = decodeParams(result.pathname.groups);
          break;
        }
      }
    }
    if (entry === undefined) {
      return { item: null, params, pattern: null, allowed: [] };
    }
    const methods = entry.methods;
    let item = methods.get(method as Method) ?? null;
    if (item === null && method === "HEAD") item = methods.get("GET") ?? null;
    return {
      item,
      params,
      pattern: entry.pattern,
      allowed: allowedOf(methods),
    };
  }
}

function allowedOf(methods: Map<Method, unknown>): Method[] {
  return METHODS.filter((m) =>
    methods.has(m) || (m === "HEAD" && methods.has("GET"))
  );
}

function decodeParams(
  groups: Record<string, string | undefined>,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    // Unnamed groups (e.g. from a bare `*`) are numeric; keep only names.
    if (value === undefined || /^\d+$/.test(name)) continue;
    params[name] = decodeURIComponent(value);
  }
  return params;
}

/**
 * Splits a route pattern into the segment keys used for middleware, layout
 * and error scoping: `"/tasks/:id"` → `["", "tasks", ":id"]`.
 */
export function patternToSegments(pattern: string): string[] {
  const parts = pattern.split("/").filter((p) => p !== "" && p !== "*");
  return ["", ...parts];
}

/** Joins a base path and a route pattern without doubling slashes. */
export function mergePath(base: string, path: string): string {
  if (base === "" || base === "/") return path;
  if (path === "/" || path === "") return base;
  return base.replace(/\/$/, "") + (path.startsWith("/") ? path : `/${path}`);
}
