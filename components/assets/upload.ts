/**
 * Browser calls of the asset library beside the JSON API helper
 * (`components/api.ts`): uploads with `XMLHttpRequest` (the only browser
 * API that reports upload progress; its answer read into the same
 * `ApiFailure`) and renewing the session through `send()`. Browser code;
 * no zod.
 *
 * @module
 */
import type { Asset, AssetCategory } from "@/lib/assets/shared.ts";
import {
  type ApiErrorBody,
  ApiFailure,
  apiUrl,
  send,
} from "@/components/api.ts";

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
        | { error?: ApiErrorBody }
        | null;
      if (xhr.status === 201 && body !== null) {
        resolve({ kind: "stored", asset: body as Asset });
      } else {
        resolve({
          kind: "failed",
          failure: new ApiFailure(xhr.status, body?.error),
        });
      }
    };
    xhr.onerror = () => resolve({ kind: "failed", failure: new ApiFailure(0) });
    xhr.onabort = () => resolve({ kind: "cancelled" });
  });
  xhr.open("POST", apiUrl(`/api/assets?${params}`));
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
    await send("POST", "/api/auth/refresh");
    return true;
  } catch {
    return false;
  }
}
