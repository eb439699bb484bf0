import { createDefine } from "fresh";

/** Per-request state that middlewares fill in for handlers and pages. */
// Issue #3 adds the signed-in user here.
// deno-lint-ignore no-empty-interface
export interface State {}

/** Typed `define.*` helpers for ProdSight's routes. */
export const define = createDefine<State>();
