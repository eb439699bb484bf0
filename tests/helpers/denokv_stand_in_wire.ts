/**
 * The few pieces of the protobuf wire format the denokv stand-in and its
 * test need: reading the fields of a message, and writing varint and
 * length-delimited fields. The data path itself is decoded and encoded by
 * denokv's own code in the `@deno/kv` addon; this only lets the stand-in
 * inspect a `Watch` request (whose key limit the addon does not check) and
 * lets the test send hand-made requests past the Deno client's own checks.
 *
 * @module
 */

/** One field of a message: a varint (wire type 0) or bytes (wire type 2). */
export type WireField =
  | { field: number; varint: bigint }
  | { field: number; bytes: Uint8Array };

/** Reads the top-level fields of `message`; throws on anything malformed. */
export function readFields(message: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (at >= message.length) throw new Error("truncated varint");
      const byte = message[at++];
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
    throw new Error("varint too long");
  };
  while (at < message.length) {
    const tag = varint();
    const field = Number(tag >> 3n);
    if (field === 0) throw new Error("field number 0");
    switch (Number(tag & 7n)) {
      case 0:
        fields.push({ field, varint: varint() });
        break;
      case 2: {
        const length = Number(varint());
        if (at + length > message.length) throw new Error("truncated bytes");
        fields.push({ field, bytes: message.subarray(at, at + length) });
        at += length;
        break;
      }
      case 1:
        at += 8;
        break;
      case 5:
        at += 4;
        break;
      default:
        throw new Error(`unsupported wire type in tag ${tag}`);
    }
  }
  if (at !== message.length) throw new Error("truncated fixed field");
  return fields;
}

/** The bytes fields numbered `field` of `message`, in order. */
export function bytesFields(message: Uint8Array, field: number): Uint8Array[] {
  return readFields(message).flatMap((f) =>
    f.field === field && "bytes" in f ? [f.bytes] : []
  );
}

/** The last varint field numbered `field` (0 when absent, as proto3 says). */
export function varintField(message: Uint8Array, field: number): bigint {
  let value = 0n;
  for (const f of readFields(message)) {
    if (f.field === field && "varint" in f) value = f.varint;
  }
  return value;
}

function encodeVarint(value: bigint): number[] {
  const out: number[] = [];
  while (value >= 0x80n) {
    out.push(Number(value & 0x7fn) | 0x80);
    value >>= 7n;
  }
  out.push(Number(value));
  return out;
}

/** A length-delimited field (bytes, string or nested message). */
export function bytesField(
  field: number,
  bytes: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const head = [
    ...encodeVarint(BigInt(field << 3 | 2)),
    ...encodeVarint(BigInt(bytes.length)),
  ];
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head);
  out.set(bytes, head.length);
  return out;
}

/** A varint field (enums, bools, integers). */
export function varintFieldBytes(
  field: number,
  value: bigint,
): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    ...encodeVarint(BigInt(field << 3)),
    ...encodeVarint(value),
  ]);
}

/** Concatenates encoded fields into one message. */
export function message(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
