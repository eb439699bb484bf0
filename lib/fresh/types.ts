import type { Method } from "./router.ts";

/** Per-route options, exported as `config` from a route module. */
export interface RouteConfig {
  /** Replaces the pattern derived from the file name. */
  routeOverride?: string;
  /** Render without the layouts of parent folders. */
  skipInheritedLayouts?: boolean;
  /** Render without the `_app` wrapper. */
  skipAppWrapper?: boolean;
  /** Methods the route answers; `"ALL"` (default) registers every method. */
  methods?: "ALL" | Method[];
}

/** Options a `_layout` module can export as `config`. */
export interface LayoutConfig {
  /** Do not wrap this layout in the layouts of parent folders. */
  skipInheritedLayouts?: boolean;
  /** Render without the `_app` wrapper. */
  skipAppWrapper?: boolean;
}
