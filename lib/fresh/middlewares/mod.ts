import type { Context } from "../context.ts";
import { HttpError } from "../error.ts";

/**
 * A function that runs for a request: return a response, or call
 * `ctx.next()` to continue down the chain.
 *
 * @example
 * ```ts
 * const timing: Middleware<State> = async (ctx) => {
 *   const start = performance.now();
 *   const res = await ctx.next();
 *   res.headers.set("Server-Timing", `app;dur=${performance.now() - start}`);
 *   return res;
 * };
 * ```
 */
export type Middleware<State> = (
  ctx: Context<State>,
) => Response | Promise<Response>;

/** Runs `fns` in order against `ctx`; running off the end is a 404. */
export function runMiddlewares<State>(
  fns: Middleware<State>[],
  ctx: Context<State>,
): Promise<Response> {
  let index = -1;
  const next = async (): Promise<Response> => {
    index++;
    const fn = fns[index];
    if (fn === undefined) throw new HttpError(404);
    return await fn(ctx);
  };
  ctx.next = next;
  return next();
}
