/**
 * The assets module's zod schemas, built from the vocabulary of
 * `shared.ts`, and the file-name rules every boundary applies.
 *
 * @module
 */
import { z } from "zod";
import type { Same } from "@/lib/same_type.ts";
import {
  type Asset,
  ASSET_ACTIONS,
  ASSET_CATEGORIES,
  ASSET_MIMES,
  type AssetUpdateData,
  MAX_NAME_LENGTH,
} from "./shared.ts";

/** An asset's category. */
export const AssetCategorySchema = z.enum(ASSET_CATEGORIES);

/** Longest extension kept whole when a long name is shortened. */
const MAX_EXTENSION_LENGTH = 16;

// C0 and C1 controls, DEL, and the invisible formatting characters that can
// disguise a name (bidi overrides turn "gpj.exe" into "exe.jpg" on screen,
// zero-width characters hide differences, BOMs and line/paragraph separators).
const INVISIBLE =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/gu;
// Characters no Windows or macOS file system accepts; browsers swap them
// for "_" on save anyway, so the stored name is the name the user gets.
const RESERVED = /[<>:"|?*]/g;

/**
 * Makes a client-supplied file name safe to store, show and send back in a
 * `Content-Disposition`: the last path segment only (`/` and `\`), line
 * breaks and tabs as spaces, without other control or invisible characters, reserved characters as `_`, whitespace
 * collapsed, no leading or trailing dots or spaces, NFC, at most
 * {@linkcode MAX_NAME_LENGTH} characters with the extension kept. Returns
 * "" when nothing usable is left.
 *
 * @example
 * ```ts
 * sanitizeFileName("../../etc/passwd"); // "passwd"
 * sanitizeFileName("C:\\Shots\\sc12 \"final\".mov"); // "sc12 _final_.mov"
 * ```
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).at(-1) ?? "";
  const cleaned = base
    .toWellFormed() // lone surrogates become U+FFFD
    .normalize("NFC")
    .replace(/[\t\n\v\f\r]/g, " ")
    .replace(INVISIBLE, "")
    .replace(RESERVED, "_")
    .replace(/\s+/gu, " ")
    .replace(/^[\s.]+|[\s.]+$/gu, "");
  return shorten(cleaned);
}

function shorten(name: string): string {
  const chars = [...name]; // code points: never split a surrogate pair
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  if (ext.length < 2 || ext.length > MAX_EXTENSION_LENGTH) {
    return chars.slice(0, MAX_NAME_LENGTH).join("").trimEnd();
  }
  const stem = chars.slice(0, MAX_NAME_LENGTH - ext.length).join("")
    .replace(/[\s.]+$/u, "");
  return stem + ext.join("");
}

/** A production file as stored (its bytes live in `asset_chunks`). */
export const AssetSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  name: z.string().min(1).max(MAX_NAME_LENGTH * 2).refine(
    (n) => sanitizeFileName(n) === n,
    "Not a sanitised file name",
  ),
  /** Bytes. */
  size: z.number().int().positive(),
  /** Sniffed from the bytes; see `sniff.ts`. */
  mime: z.enum(ASSET_MIMES),
  category: AssetCategorySchema,
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploaderId: z.string(),
  uploaderName: z.string(),
  /** How many chunks hold the bytes (`["asset_chunks", id, 0 … chunks-1]`). */
  chunks: z.number().int().positive(),
  status: z.literal("ready"),
});

/** `POST /api/assets?name=…&category=…` query; the body is the file. */
export const UploadQuerySchema = z.object({
  name: z.string().max(1024, "At most 1024 characters")
    .transform(sanitizeFileName)
    .pipe(z.string().min(1, "Give the file a name")),
  category: AssetCategorySchema.optional(),
}).strict();

/** `GET /api/assets` query. */
export const AssetQuerySchema = z.object({
  category: AssetCategorySchema.optional(),
  uploader: z.string().min(1).max(100).optional(),
}).strict();

/** `asset_update` event data (DESIGN §5). */
export const AssetUpdateDataSchema = z.object({
  action: z.enum(ASSET_ACTIONS),
  asset: AssetSchema,
});

// The schemas and the wire types of shared.ts must stay one shape: these
// fail to compile when either side drifts.
const _assetShape: Same<z.infer<typeof AssetSchema>, Asset> = true;
const _updateShape: Same<
  z.infer<typeof AssetUpdateDataSchema>,
  AssetUpdateData
> = true;

/**
 * A `Content-Disposition: attachment` header for a stored name (RFC 6266):
 * an ASCII `filename` fallback (anything else, quotes, backslashes and `%`
 * become `_`) and the exact name as RFC 5987 `filename*`. The name is
 * sanitised again, so no CR/LF or quote can ever reach the header.
 *
 * @example
 * ```ts
 * contentDisposition("Szene 1 – Nacht.pdf");
 * // attachment; filename="Szene 1 _ Nacht.pdf"; filename*=UTF-8''Szene%201%20%E2%80%93%20Nacht.pdf
 * ```
 */
export function contentDisposition(name: string): string {
  const safe = sanitizeFileName(name) || "download";
  const fallback = safe.replace(/[^\x20-\x7e]|["\\%]/gu, "_");
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
