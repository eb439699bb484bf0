/**
 * The assets module's browser-safe vocabulary: categories and MIME types
 * (`as const`), the one label table per concept (categories, file kinds),
 * byte formatting, upload limits and the wire types of files and upload
 * progress. No zod and nothing server-only: islands and components import
 * this file; schemas.ts builds its zod schemas from it.
 *
 * @module
 */

/** What a production file is, as the team files it (display order). */
export const ASSET_CATEGORIES = [
  "script",
  "storyboard",
  "still",
  "audio",
  "footage",
  "document",
  "other",
] as const;

/** An asset's category. */
export type AssetCategory = typeof ASSET_CATEGORIES[number];

/**
 * The MIME types an asset may have: the allow-list of `sniff.ts`. The stored
 * type always comes from the file's bytes, never from the client.
 */
export const ASSET_MIMES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "audio/mpeg",
  "audio/wav",
  "audio/mp4",
  "video/mp4",
  "video/quicktime",
  "text/plain",
] as const;

/** A MIME type on the allow-list. */
export type AssetMime = typeof ASSET_MIMES[number];

/** What happened to a file, in an `asset_update` event. */
export const ASSET_ACTIONS = ["uploaded", "deleted"] as const;

/** What happened to a file. */
export type AssetAction = typeof ASSET_ACTIONS[number];

/** Longest stored file name, in characters (code points). */
export const MAX_NAME_LENGTH = 200;
/** Bytes per stored chunk: 60 KiB, below KV's 64 KiB value limit. */
export const CHUNK_BYTES = 60 * 1024;
/** Upload limit unless configured otherwise (`PRODSIGHT_MAX_UPLOAD_BYTES`). */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A production file as stored and sent (its bytes live in `asset_chunks`). */
export interface Asset {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The sanitised file name. */
  name: string;
  /** Bytes. */
  size: number;
  /** Sniffed from the bytes; see `sniff.ts`. */
  mime: AssetMime;
  category: AssetCategory;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  uploaderId: string;
  uploaderName: string;
  /** How many chunks hold the bytes (`["asset_chunks", id, 0 … chunks-1]`). */
  chunks: number;
  status: "ready";
}

/** `asset_update` event data (DESIGN §5). */
export interface AssetUpdateData {
  action: AssetAction;
  asset: Asset;
}

/** An upload's progress, for observers (e.g. a realtime "uploading" frame). */
export interface UploadProgress {
  uploadId: string;
  /** The production the file goes to (its sockets alone hear of it). */
  productionId: string;
  uploader: { id: string; name: string };
  /** The sanitised file name. */
  name: string;
  /** Bytes received so far. */
  bytes: number;
  /** The declared size, when the client sent one. */
  total: number | null;
  /** `done` when the asset exists, `failed` when the upload was discarded. */
  phase: "uploading" | "done" | "failed";
}

/** Human labels for asset categories, in the order the UI lists them. */
export const CATEGORY_LABELS: Readonly<Record<AssetCategory, string>> = Object
  .freeze({
    script: "Script",
    storyboard: "Storyboard",
    still: "Still",
    audio: "Audio",
    footage: "Footage",
    document: "Document",
    other: "Other",
  });

/** Every category, in display order. */
export const CATEGORY_ORDER: readonly AssetCategory[] = ASSET_CATEGORIES;

/** Whether `value` names a category (e.g. a query parameter). */
export function isCategory(value: unknown): value is AssetCategory {
  return typeof value === "string" && Object.hasOwn(CATEGORY_LABELS, value);
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

/**
 * A byte count for people, in binary units (the upload limit is set in
 * MiB): whole bytes below 1 KiB, one decimal below 10 units, else whole
 * units; a trailing ".0" is dropped.
 *
 * @example
 * ```ts
 * formatBytes(512); // "512 B"
 * formatBytes(1536); // "1.5 KiB"
 * formatBytes(50 * 1024 * 1024); // "50 MiB"
 * ```
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // Round first: 1023.96 KiB would otherwise read "1024 KiB".
  let shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (shown >= 1024 && unit < UNITS.length - 1) {
    shown = 1;
    unit++;
  }
  return `${String(shown)} ${UNITS[unit]}`;
}

/** The broad family of a file, for icons and thumbnails. */
export type AssetFamily = "image" | "audio" | "video" | "pdf" | "text";

/** What a stored MIME type is, in words, and its family. */
const KINDS: Readonly<Record<AssetMime, [label: string, family: AssetFamily]>> =
  {
    "application/pdf": ["PDF document", "pdf"],
    "image/png": ["PNG image", "image"],
    "image/jpeg": ["JPEG image", "image"],
    "image/gif": ["GIF image", "image"],
    "image/webp": ["WebP image", "image"],
    "audio/mpeg": ["MP3 audio", "audio"],
    "audio/wav": ["WAV audio", "audio"],
    "audio/mp4": ["M4A audio", "audio"],
    "video/mp4": ["MP4 video", "video"],
    "video/quicktime": ["QuickTime video", "video"],
    "text/plain": ["Text", "text"],
  };

// Plain text files people know by their extension.
const TEXT_KINDS: Record<string, string> = {
  fountain: "Fountain screenplay",
  fdx: "Final Draft script",
  csv: "CSV table",
  tsv: "TSV table",
  md: "Markdown text",
  srt: "Subtitles",
  vtt: "Subtitles",
  edl: "Edit decision list",
  json: "JSON text",
  xml: "XML text",
};

/** The family of a MIME type ("text" for anything unknown). */
export function familyOf(mime: string): AssetFamily {
  return Object.hasOwn(KINDS, mime) ? KINDS[mime as AssetMime][1] : "text";
}

/**
 * What kind of file an asset is, in words: from its (sniffed) MIME type,
 * and for plain text from the name's extension too.
 *
 * @example
 * ```ts
 * kindOf("image/png", "frame-01.png"); // "PNG image"
 * kindOf("text/plain", "sc12.fountain"); // "Fountain screenplay"
 * ```
 */
export function kindOf(mime: string, name = ""): string {
  if (mime === "text/plain") {
    const ext = /\.([a-z0-9]{1,10})$/i.exec(name)?.[1].toLowerCase();
    return (ext && Object.hasOwn(TEXT_KINDS, ext) && TEXT_KINDS[ext]) ||
      "Text";
  }
  return Object.hasOwn(KINDS, mime) ? KINDS[mime as AssetMime][0] : "File";
}

/** The short badge shown on a file's tile: its extension, else its family. */
export function badgeOf(mime: string, name: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1];
  if (ext) return ext.toUpperCase();
  const family = familyOf(mime);
  return family === "pdf" ? "PDF" : family.toUpperCase();
}

/** Whether the browser can show the file itself as a thumbnail. */
export function isImage(mime: string): boolean {
  return familyOf(mime) === "image";
}

/** The file types uploads accept, for people (matches `sniff.ts`). */
export const ACCEPTED_TYPES_TEXT =
  "PDF, PNG, JPEG, GIF, WebP, MP3, WAV, M4A, MP4, MOV or plain UTF-8 text";

/**
 * The `accept` hint for the file picker. Only a hint (drag and drop and the
 * picker's "all files" option bypass it): the server decides from the bytes.
 */
export const ACCEPT_HINT = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "audio/*",
  "video/mp4",
  "video/quicktime",
  "text/*",
  ".fountain",
  ".fdx",
  ".csv",
  ".srt",
  ".md",
].join(",");
