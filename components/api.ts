/**
 * The JSON API call of the islands (browser code, no imports): one fetch
 * helper with the session cookie, If-Match and the DESIGN §4 error shape.
 *
 * @module
 */

/** A refused or failed call: HTTP status (0: no answer) and error body. */
export interface ApiFailure {
  status: number;
  error?: { code: string; message: string; details?: unknown };
}

/**
 * Calls the API with the session cookie; resolves to the JSON body (null
 * for 204) or rejects with an {@linkcode ApiFailure}.
 */
export async function send<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  version?: number,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (version !== undefined) headers["if-match"] = String(version);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw { status: 0 } satisfies ApiFailure;
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    throw { status: res.status, error: data?.error } satisfies ApiFailure;
  }
  return data as T;
}

/** A failure for people: the server's message, or what went wrong. */
export function failureText(failure: unknown, fallback: string): string {
  const f = failure as ApiFailure;
  if (f?.status === 0) return `${fallback}: the server could not be reached.`;
  return f?.error?.message ?? `${fallback}.`;
}
