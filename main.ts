import { App, staticFiles } from "fresh";
import type { State } from "./lib/state.ts";

/** The ProdSight app. `_fresh/server.js` (from `deno task build`) serves it. */
export const app = new App<State>()
  .use(staticFiles())
  .fsRoutes();
