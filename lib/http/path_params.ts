import type { Middleware } from "fresh";
import { ApiError } from "./errors.ts";

/**
 * What every path parameter of the app looks like: record ids (UUIDs),
 * version numbers and report names — at most 128 URL-safe characters, not
 * starting with a dot. Anything else cannot name a record.
 */
export const PATH_PARAM: RegExp = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127}$/;

/**
 * Answers 404 for a route whose path parameters cannot be an id (too long,
 * or characters no id has) before any handler reads the store with it: KV
 * refuses keys over 2 KiB, and a refused key must be "not found", not a
 * 500. JSON for the API, the not-found page otherwise (`_error`).
 *
 * A future catch-all route (`[...path]`) whose values contain `/` would need
 * its own rule here.
 */
export function boundPathParams<State>(): Middleware<State> {
  return function checkPathParams(ctx) {
    for (const value of Object.values(ctx.params)) {
      if (!PATH_PARAM.test(value)) {
        throw new ApiError(
          404,
          "not_found",
          "There is nothing at this address",
        );
      }
    }
    return ctx.next();
  };
}
