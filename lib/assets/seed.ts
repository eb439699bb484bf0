/**
 * Sample production files, generated in code (no binary fixtures): a tiny
 * storyboard PNG, a Fountain scene, a call sheet PDF, a shot list CSV and a
 * WAV of room-tone silence. Stored through the same chunk path as uploads.
 *
 * @module
 */
import { storeAsset, type Uploader } from "./upload.ts";
import type { Asset, AssetCategory } from "./shared.ts";

const encoder = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function u32(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO-HDLC), as PNG chunks need. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1, b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const typed = concat(encoder.encode(type), data);
  return concat(u32(data.byteLength), typed, u32(crc32(typed)));
}

/**
 * A `width`×`height` RGB PNG of a dusk-sky gradient, built byte by byte:
 * the pixel rows go into one uncompressed ("stored") deflate block.
 */
export function tinyPng(width = 16, height = 9): Uint8Array<ArrayBuffer> {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const p = row + 1 + x * 3;
      raw[p] = 20 + Math.round((200 * x) / width); // red rises to the right
      raw[p + 1] = 40 + Math.round((120 * y) / height);
      raw[p + 2] = 160 - Math.round((100 * y) / height);
    }
  }
  if (raw.byteLength > 0xffff) throw new Error("tinyPng: image too large");
  const len = raw.byteLength;
  const zlib = concat(
    new Uint8Array([0x78, 0x01]), // deflate, 32 KiB window, no dictionary
    new Uint8Array([
      0x01,
      len & 0xff,
      len >> 8,
      ~len & 0xff,
      (~len >> 8) & 0xff,
    ]),
    raw,
    u32(adler32(raw)),
  );
  const header = concat(
    u32(width),
    u32(height),
    new Uint8Array([8, 2, 0, 0, 0]),
  );
  return concat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlib),
    pngChunk("IEND", new Uint8Array()),
  );
}

/** `seconds` of 16-bit mono silence at `rate` Hz, as a RIFF/WAVE file. */
export function silentWav(
  seconds = 0.5,
  rate = 8000,
): Uint8Array<ArrayBuffer> {
  const dataBytes = Math.round(seconds * rate) * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  out.set(encoder.encode("RIFF"), 0);
  view.setUint32(4, 36 + dataBytes, true);
  out.set(encoder.encode("WAVEfmt "), 8);
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  out.set(encoder.encode("data"), 36);
  view.setUint32(40, dataBytes, true);
  return out; // the samples are already zero
}

/** A one-page PDF with a line of text, with a correct cross-reference table. */
export function tinyPdf(
  line = "Northern Lights - Call sheet, day 1",
): Uint8Array<ArrayBuffer> {
  const text = line.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 18 Tf 72 770 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " +
    "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length); // ASCII only: characters are bytes
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  }
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\n` +
    `startxref\n${xref}\n%%EOF\n`;
  return encoder.encode(pdf);
}

const FOUNTAIN = `Title: Northern Lights
Credit: Written by
Author: Aurora Pictures

INT. LIGHTHOUSE - NIGHT

Rain hammers the lantern glass. MARA (40s, oilskin, tired eyes) winds the
clockwork by hand.

MARA
Not tonight. Not with the boats still out.

The beam sweeps the harbour. Far out, a green shimmer answers it.

CUT TO:
`;

const SHOT_LIST = `scene,shot,description,lens,setup
12,A,Wide: lighthouse in the storm,24mm,crane
12,B,Mara winds the clockwork,50mm,dolly
12,C,Insert: the beam over the harbour,85mm,sticks
`;

const SAMPLES: [
  name: string,
  category: AssetCategory,
  bytes: () => Uint8Array,
][] = [
  ["storm-sequence-frame-01.png", "storyboard", () => tinyPng()],
  ["northern-lights-sc12.fountain", "script", () => encoder.encode(FOUNTAIN)],
  ["call-sheet-day-01.pdf", "document", () => tinyPdf()],
  ["shot-list-sc12.csv", "document", () => encoder.encode(SHOT_LIST)],
  ["room-tone-lighthouse.wav", "audio", () => silentWav()],
];

/**
 * Stores the sample files as uploaded by `uploader`, without events (it is
 * the state the production starts from). Returns the assets, oldest first.
 */
export async function seedAssets(
  kv: Deno.Kv,
  uploader: { id: string; name: string },
): Promise<Asset[]> {
  // Any role may upload; the seed only needs the uploader's identity.
  const actor: Uploader = { ...uploader, role: "producer" };
  const start = Date.now() - SAMPLES.length * 1000;
  const stored: Asset[] = [];
  for (const [i, [name, category, bytes]] of SAMPLES.entries()) {
    stored.push(
      await storeAsset(kv, actor, {
        name,
        category,
        body: ReadableStream.from([bytes()]),
      }, { emit: false, now: new Date(start + i * 1000) }),
    );
  }
  return stored;
}
