import type { z } from "zod";
import { ApiError } from "./errors.ts";

/** Default cap on JSON request bodies. */
export const MAX_JSON_BYTES = 64 * 1024;

/**
 * Reads a request body up to `maxBytes`, refusing more with 413 before
 * buffering it: the declared length is checked first, then the stream is
 * counted as it arrives.
 */
export async function readBody(
  req: Request,
  maxBytes: number,
): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (req.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    "payload_too_large",
    `The request body is larger than ${maxBytes} bytes`,
  );
}

/**
 * Parses a JSON request body with a zod schema: 415 unless JSON, 413 over
 * the limit, 400 with the zod issues in `details` when invalid.
 *
 * @example
 * ```ts
 * const input = await readJson(ctx.req, LoginSchema);
 * ```
 */
export async function readJson<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = MAX_JSON_BYTES,
): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send application/json");
  }
  const bytes = await readBody(req, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError(400, "invalid_json", "The body is not valid JSON");
  }
  return parseWith(schema, value);
}

/** Reads an HTML form post (urlencoded) with a size cap. */
export async function readForm(
  req: Request,
  maxBytes = 16 * 1024,
): Promise<URLSearchParams> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send a form");
  }
  return new URLSearchParams(
    new TextDecoder().decode(await readBody(req, maxBytes)),
  );
}

/** Parses `value` with `schema`, or throws a 400 with the issues. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError(
      400,
      "validation",
      "The request is invalid",
      result.error.issues,
    );
  }
  return result.data;
}

/**
 * The version in an `If-Match` header (`3`, `"3"` or `W/"3"`), undefined
 * when absent; 400 when present but not a version.
 */
export function ifMatchVersion(req: Request): number | undefined {
  const header = req.headers.get("if-match");
  if (header === null) return undefined;
  const match = header.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (match === null) {
    throw new ApiError(400, "validation", "If-Match must be a record version");
  }
  return Number(match[1]);
}
