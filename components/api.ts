/**
 * The JSON API call of the islands (browser code): one fetch helper with
 * the session cookie, If-Match and the DESIGN §4 error shape. Module paths
 * are the page's production's: `send("GET", "/api/tasks")` on a page under
 * `/p/<slug>` asks `/api/p/<slug>/tasks` (lib/production/paths.ts).
 *
 * @module
 */
import { inProduction } from "@/lib/production/paths.ts";
import { pageSlug } from "./production_path.ts";

/** A module API path in the production of the page's address. */
export function apiUrl(url: string): string {
  const slug = pageSlug();
  return slug === null ? url : inProduction(slug, url);
}

/** The DESIGN §4 error body. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/**
 * A refused or failed call: HTTP status (0: no answer) and the server's
 * error body, if it sent one.
 *
 * @example
 * ```ts
 * try {
 *   await send("DELETE", "/api/tasks/t1");
 * } catch (e) {
 *   if (e instanceof ApiFailure && e.status === 404) console.log("gone");
 * }
 * ```
 */
export class ApiFailure extends Error {
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The error body (absent when the answer had none). */
  readonly error?: ApiErrorBody;

  constructor(status: number, error?: ApiErrorBody) {
    super(
      error?.message ??
        (status === 0 ? "The server could not be reached" : `HTTP ${status}`),
    );
    this.name = "ApiFailure";
    this.status = status;
    this.error = error;
  }
}

/**
 * What the texts for people read of a failure: an {@linkcode ApiFailure},
 * or a literal in a test or for a check made before sending.
 */
export type FailureInfo = Pick<ApiFailure, "status"> & {
  error?: Partial<ApiErrorBody>;
};

/** How {@linkcode send} sends its body and what it accepts. */
export interface SendOptions {
  /** Sent as If-Match (optimistic concurrency). */
  version?: number;
  /** A raw body (a file, text) instead of JSON. */
  raw?: BodyInit;
  /** The content type of `raw`. */
  contentType?: string;
}

/**
 * Calls the API with the session cookie; resolves to the JSON body (null
 * for 204) or rejects with an {@linkcode ApiFailure}. `body` is sent as
 * JSON; pass `options.raw` (and `contentType`) for anything else.
 */
export async function send<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  versionOrOptions?: number | SendOptions,
): Promise<T> {
  const options: SendOptions = typeof versionOrOptions === "number"
    ? { version: versionOrOptions }
    : versionOrOptions ?? {};
  const headers: Record<string, string> = { accept: "application/json" };
  let payload: BodyInit | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    if (options.contentType) headers["content-type"] = options.contentType;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] = "application/json";
  }
  if (options.version !== undefined) {
    headers["if-match"] = String(options.version);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(url), {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiFailure(0);
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiFailure(res.status, data?.error);
  return data as T;
}

/** A failure for people: the server's message, or what went wrong. */
export function failureText(failure: unknown, fallback: string): string {
  const f = failure as Partial<ApiFailure> | undefined;
  if (f?.status === 0) return `${fallback}: the server could not be reached.`;
  return f?.error?.message ?? `${fallback}.`;
}
