/**
 * MIME sniffing for uploads, from the file's first bytes (magic numbers),
 * against a tight allow-list. The client's `Content-Type` is never trusted:
 * what is stored, and later served with `nosniff`, is what the bytes are.
 *
 * @module
 */
import type { AssetMime } from "./shared.ts";

/** Bytes {@linkcode sniffMime} needs to decide every binary type. */
export const SNIFF_BYTES = 16;

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length &&
  [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

// ISO-BMFF / QuickTime brands we accept as audio or video (ftyp major brand).
// Image brands (heic, mif1, avif) and camera raws (crx) are left out on
// purpose: they are not the footage or audio this list is for.
const VIDEO_BRANDS = new Set([
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "mp41",
  "mp42",
  "mp71",
  "avc1",
  "M4V ",
  "M4VH",
  "M4VP",
  "XAVC",
  "MSNV",
  "3gp4",
  "3gp5",
  "3gp6",
  "3g2a",
]);
const AUDIO_BRANDS = new Set(["M4A ", "M4B "]);
// Atoms an old QuickTime movie may open with, without an ftyp.
const QT_ATOMS = new Set(["moov", "mdat", "wide", "free", "skip"]);

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

function isMp3Frame(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1] & 0xe0) !== 0xe0) return false;
  const version = (b[1] >> 3) & 0x03; // 01 is reserved
  const layer = (b[1] >> 1) & 0x03; // 01 is Layer III
  const bitrate = b[2] >> 4; // 1111 is invalid; 0000 "free" is rare, refused
  const rate = (b[2] >> 2) & 0x03; // 11 is reserved
  return version !== 1 && layer === 1 && bitrate !== 0 && bitrate !== 15 &&
    rate !== 3;
}

function isoMedia(b: Uint8Array): AssetMime | null {
  if (b.length < 12) return null;
  const type = fourCC(b, 4);
  if (type === "ftyp") {
    const brand = fourCC(b, 8);
    if (brand === "qt  ") return "video/quicktime";
    if (AUDIO_BRANDS.has(brand)) return "audio/mp4";
    if (VIDEO_BRANDS.has(brand)) return "video/mp4";
    return null;
  }
  const size = new DataView(b.buffer, b.byteOffset, b.byteLength)
    .getUint32(0);
  // A movie atom opens with its header atom.
  if (type === "moov") {
    return size >= 16 && ascii(b, 12, "mvhd") ? "video/quicktime" : null;
  }
  // A "wide"/"free"/"skip" placeholder must be followed by a movie atom.
  if (QT_ATOMS.has(type) && type !== "mdat" && size === 8) {
    return b.length >= 16 && QT_ATOMS.has(fourCC(b, 12)) &&
        fourCC(b, 12) !== type
      ? "video/quicktime"
      : null;
  }
  return null;
}

/**
 * The allow-listed binary type the bytes start with, or null. Checks PDF,
 * PNG, JPEG, GIF, WebP, WAV, MP3 (ID3 tag or MPEG Layer III frame), and
 * MP4/M4A/MOV (ISO-BMFF `ftyp` with a known audio/video brand, or a legacy
 * QuickTime atom). Text is decided separately ({@linkcode TextValidator}),
 * because it needs every byte.
 *
 * @example
 * ```ts
 * sniffMime(new TextEncoder().encode("%PDF-1.7\n")); // "application/pdf"
 * ```
 */
export function sniffMime(b: Uint8Array): AssetMime | null {
  if (ascii(b, 0, "%PDF-")) return "application/pdf";
  if (
    b.length >= 8 && b[0] === 0x89 && ascii(b, 1, "PNG\r\n\x1a\n")
  ) return "image/png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    return "image/jpeg";
  }
  if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) return "image/gif";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "image/webp";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return "audio/wav";
  if (ascii(b, 0, "ID3") && b.length >= 4 && b[3] >= 2 && b[3] <= 4) {
    return "audio/mpeg";
  }
  if (isMp3Frame(b)) return "audio/mpeg";
  return isoMedia(b);
}

/**
 * Decides, as the bytes stream past, whether a file is plain UTF-8 text:
 * valid UTF-8 (an optional BOM), no NUL, and no control characters other
 * than tab, line feed, form feed, carriage return and escape. Every byte is
 * checked, so a binary tail after a text-looking head is still refused.
 *
 * @example
 * ```ts
 * const text = new TextValidator();
 * text.push(new TextEncoder().encode("INT. LIGHTHOUSE - NIGHT\n"));
 * text.end(); // true
 * ```
 */
export class TextValidator {
  #decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  #ok = true;

  /** Whether every byte so far can still be text. */
  get ok(): boolean {
    return this.#ok;
  }

  /** Checks the next bytes; returns {@linkcode ok}. */
  push(bytes: Uint8Array): boolean {
    if (!this.#ok) return false;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if (
        c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d &&
          c !== 0x1b || c === 0x7f
      ) {
        return this.#ok = false;
      }
    }
    try {
      this.#decoder.decode(bytes, { stream: true });
    } catch {
      this.#ok = false;
    }
    return this.#ok;
  }

  /** Finishes: false when the text ended inside a UTF-8 sequence. */
  end(): boolean {
    if (!this.#ok) return false;
    try {
      this.#decoder.decode();
    } catch {
      this.#ok = false;
    }
    return this.#ok;
  }
}

/** The type to send back for a stored MIME: text always says it is UTF-8. */
export function contentTypeOf(mime: AssetMime): string {
  return mime === "text/plain" ? "text/plain; charset=utf-8" : mime;
}
