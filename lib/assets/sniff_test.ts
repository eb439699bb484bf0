import assert from "node:assert/strict";
import { silentWav, tinyPdf, tinyPng } from "./seed.ts";
import { contentTypeOf, sniffMime, TextValidator } from "./sniff.ts";

const enc = new TextEncoder();
const bytes = (...parts: (string | ArrayLike<number>)[]) => {
  const out: number[] = [];
  for (const p of parts) {
    out.push(...(typeof p === "string" ? enc.encode(p) : Array.from(p)));
  }
  return new Uint8Array(out);
};
const box = (size: number, type: string, rest = "") =>
  bytes(
    [size >>> 24, (size >>> 16) & 255, (size >>> 8) & 255, size & 255],
    type,
    rest,
  );

function isText(...chunks: Uint8Array[]): boolean {
  const text = new TextValidator();
  for (const chunk of chunks) if (!text.push(chunk)) return false;
  return text.end();
}

Deno.test("sniff - every allow-listed type by its magic number", () => {
  const cases: [Uint8Array, string][] = [
    [tinyPdf(), "application/pdf"],
    [tinyPng(), "image/png"],
    [bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF"), "image/jpeg"],
    [bytes([0xff, 0xd8, 0xff, 0xe1], "Exif"), "image/jpeg"],
    [bytes("GIF89a", [1, 0, 1, 0]), "image/gif"],
    [bytes("GIF87a", [1, 0, 1, 0]), "image/gif"],
    [bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    [silentWav(), "audio/wav"],
    [bytes("ID3", [3, 0, 0, 0, 0, 0, 0]), "audio/mpeg"],
    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz.
    [bytes([0xff, 0xfb, 0x90, 0x64]), "audio/mpeg"],
    // MPEG-2 Layer III (0xF3).
    [bytes([0xff, 0xf3, 0x48, 0xc4]), "audio/mpeg"],
    [box(24, "ftyp", "isom\0\0\x02\0isomiso2"), "video/mp4"],
    [box(24, "ftyp", "mp42\0\0\0\0mp42isom"), "video/mp4"],
    [box(20, "ftyp", "qt  \0\0\x02\0qt  "), "video/quicktime"],
    [box(20, "ftyp", "M4A \0\0\0\0M4A "), "audio/mp4"],
    [bytes(box(8, "wide"), box(1000, "mdat")), "video/quicktime"],
    [box(108, "moov", "\0\0\0\x6cmvhd"), "video/quicktime"],
  ];
  for (const [input, mime] of cases) {
    assert.equal(sniffMime(input), mime, mime);
  }
});

Deno.test("sniff - anything off the list is refused", () => {
  const refused: [string, Uint8Array][] = [
    ["ELF", bytes([0x7f], "ELF", [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
    ["ZIP / docx / xlsx", bytes("PK", [3, 4, 20, 0, 6, 0, 8, 0])],
    ["Windows exe", bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ["gzip", bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])],
    ["AVI (RIFF, not WAVE/WEBP)", bytes("RIFF", [0, 0, 0, 0], "AVI LIST")],
    ["HEIC (ftyp image brand)", box(24, "ftyp", "heic\0\0\0\0mif1heic")],
    ["AVIF", box(24, "ftyp", "avif\0\0\0\0avifmif1")],
    ["bare mdat", box(1000, "mdat", "anything at all")],
    ["moov without mvhd", box(108, "moov", "\0\0\0\x6cxxxx")],
    ["AAC ADTS (layer 0, not MP3)", bytes([0xff, 0xf1, 0x50, 0x80])],
    ["MP3 sync with reserved version", bytes([0xff, 0xeb, 0x90, 0x64])],
    ["MP3 sync with a bad bitrate", bytes([0xff, 0xfb, 0xf0, 0x64])],
    ["ID3 with an impossible version", bytes("ID3", [9, 0, 0, 0])],
    ["empty", new Uint8Array()],
    ["too short", bytes([0x89, 0x50])],
  ];
  for (const [label, input] of refused) {
    assert.equal(sniffMime(input), null, label);
  }
  // None of them passes as text either (control bytes or bad UTF-8).
  for (const [label, input] of refused.slice(0, 13)) {
    assert.equal(isText(input), false, label);
  }
});

Deno.test("sniff - UTF-8 text, checked across chunk boundaries", () => {
  const fountain = enc.encode(
    "INT. LIGHTHOUSE - NIGHT\r\n\tMARA\n\fÇa va? — 灯台 🌌\n\x1b[0m",
  );
  assert.equal(sniffMime(fountain), null);
  assert.ok(isText(fountain));
  assert.ok(isText(bytes([0xef, 0xbb, 0xbf], "scene,shot\n12,A\n")), "BOM");
  // A multi-byte character split between two pushes is still valid.
  const emoji = enc.encode("a🌌b");
  for (let cut = 0; cut <= emoji.length; cut++) {
    assert.ok(isText(emoji.subarray(0, cut), emoji.subarray(cut)), `${cut}`);
  }
  assert.equal(isText(bytes("abc", [0], "def")), false, "NUL");
  assert.equal(isText(bytes("abc", [7])), false, "BEL");
  assert.equal(isText(bytes("abc", [0x7f])), false, "DEL");
  assert.equal(isText(bytes("abc", [0xff, 0xfe])), false, "invalid UTF-8");
  assert.equal(isText(bytes([0xfe, 0xff], "a")), false, "UTF-16 BOM");
  assert.equal(isText(bytes([0xc0, 0xaf])), false, "overlong");
  assert.equal(isText(bytes([0xed, 0xa0, 0x80])), false, "surrogate");
  assert.equal(isText(emoji.subarray(0, 3)), false, "ends mid-character");
  // A binary tail after a text-looking head is caught.
  assert.equal(
    isText(enc.encode("x".repeat(70_000)), bytes([0x7f], "ELF")),
    false,
  );
});

Deno.test("sniff - text is served as UTF-8, the rest as stored", () => {
  assert.equal(contentTypeOf("text/plain"), "text/plain; charset=utf-8");
  assert.equal(contentTypeOf("image/png"), "image/png");
});
