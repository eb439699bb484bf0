/**
 * Browser calls of the asset library: uploads with `XMLHttpRequest` (the
 * only browser API that reports upload progress) and JSON requests with
 * `fetch`. Browser code; no zod.
 *
 * @module
 */
import type { Asset, AssetCategory } from "@/lib/assets/schemas.ts";
import type { ApiFailure } from "./model.ts";

/** How an upload ended. */
export type UploadOutcome =
  | { kind: "stored"; asset: Asset }
  | { kind: "failed"; failure: ApiFailure }
  | { kind: "cancelled" };

/** An upload on its way: abort it, or wait for its outcome. */
export interface UploadHandle {
  /** Stops sending; the server discards what it stored so far. */
  abort(): void;
  /** Settles once (never rejects). */
  done: Promise<UploadOutcome>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * POSTs `file` as the raw body to `/api/assets?name=…&category=…` (the
 * server sniffs the type; the content type only says "not a form") and
 * calls `onProgress` with the bytes sent so far.
 *
 * @example
 * ```ts
 * const upload = uploadFile(file, { name: file.name }, (sent, total) =>
 *   console.log(sent / total));
 * const outcome = await upload.done;
 * ```
 */
export function uploadFile(
  file: Blob,
  target: { name: string; category?: AssetCategory },
  onProgress: (sent: number, total: number) => void,
): UploadHandle {
  const params = new URLSearchParams({ name: target.name });
  if (target.category) params.set("category", target.category);
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.onprogress = (e) => {
      onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText) as
        | { error?: ApiFailure["error"] }
        | null;
      if (xhr.status === 201 && body !== null) {
        resolve({ kind: "stored", asset: body as Asset });
      } else {
        resolve({
          kind: "failed",
          failure: { status: xhr.status, error: body?.error },
        });
      }
    };
    xhr.onerror = () => resolve({ kind: "failed", failure: { status: 0 } });
    xhr.onabort = () => resolve({ kind: "cancelled" });
  });
  xhr.open("POST", `/api/assets?${params}`);
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.setRequestHeader("accept", "application/json");
  xhr.send(file);
  return { abort: () => xhr.abort(), done };
}

/**
 * Renews the session cookie from the refresh cookie (after a 401: the
 * 15-minute access token ran out while the tab was asleep, say). Resolves
 * to whether it worked.
 */
export async function renewSession(): Promise<boolean> {
  try {
    const res = await fetch("/api/auth/refresh", {
      method: "POST",
      credentials: "same-origin",
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Calls the JSON API with the session cookie; resolves to the body (null
 * for 204) or rejects with an {@linkcode ApiFailure}.
 */
export async function send<T = unknown>(
  method: string,
  url: string,
  options: { version?: number } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.version !== undefined) {
    headers["if-match"] = String(options.version);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: "same-origin" });
  } catch {
    throw { status: 0 } satisfies ApiFailure;
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    throw { status: res.status, error: data?.error } satisfies ApiFailure;
  }
  return data as T;
}
