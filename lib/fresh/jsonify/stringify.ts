/**
 * Serialises island props into the compact, reference-preserving jsonify
 * format read back by `parse()`.
 *
 * @module
 */

import {
  HOLE,
  INFINITY_NEG,
  INFINITY_POS,
  NAN,
  NULL,
  UNDEFINED,
  ZERO_NEG,
} from "./constants.ts";

/**
 * Plugins for types the core format does not know, keyed by type tag.
 *
 * Each function receives every non-primitive value before the built-in
 * handling and returns `{ value }` to claim it (the inner `value` is then
 * serialised as usual) or `undefined` to pass.
 */
export type Stringifiers = Record<
  string,
  (value: unknown) => { value: unknown } | undefined
>;

/**
 * Thrown by `stringify()` for values the format cannot carry (functions,
 * symbols). `path` is where the value was found, e.g. `props.items[2].onClick`,
 * so callers can prefix it with the island name.
 */
export class SerializeError extends Error {
  /** Location of the offending value, starting at `props`. */
  readonly path: string;

  /** Creates the error; `path` is stored as given. */
  constructor(message: string, path: string) {
    super(message);
    this.name = "SerializeError";
    this.path = path;
  }
}

/**
 * Serialises `data` to a JSON text: a flat array of nodes that point at each
 * other by index, so shared and circular references survive (see `parse()`).
 *
 * Supports `null`, `undefined`, booleans, numbers (including `NaN`,
 * `±Infinity` and `-0`), bigints, strings, arrays (holes kept), plain objects,
 * `Date`, `URL`, `RegExp`, `Uint8Array`, `Map` and `Set`. Other class
 * instances become plain objects. Functions and symbols throw a
 * `SerializeError`.
 *
 * @example
 * ```ts
 * const shared = { id: 1 };
 * stringify({ a: shared, b: shared }); // '[{"a":1,"b":1},{"id":2},1]'
 * ```
 */
export function stringify(data: unknown, custom?: Stringifiers): string {
  const writer = new Writer(custom);
  const ref = writer.visit(data);
  // Values that are just a sentinel have no node to point at, so the whole
  // payload is that sentinel.
  if (ref < 0) return String(ref);
  return `[${writer.out.join(",")}]`;
}

/** A pre-rendered path segment for places that are not plain keys. */
interface PathNote {
  text: string;
}

/** Object keys (string), array indexes (number) or pre-rendered notes. */
type Segment = string | number | PathNote;

class Writer {
  /** Encoded nodes; a node's index is its reference. */
  readonly out: string[] = [];
  /** Value -> node index, so repeated values (and cycles) become one node. */
  #seen = new Map<unknown, number>();
  #custom: [string, Stringifiers[string]][];
  /** Current location, only rendered to a string when an error is thrown. */
  #path: Segment[] = [];
  /** Custom nodes whose inner value is still being written. */
  #openCustom = new Set<number>();

  constructor(custom: Stringifiers | undefined) {
    this.#custom = custom === undefined ? [] : Object.entries(custom);
  }

  /** Writes `value` if needed and returns its reference. */
  visit(value: unknown): number {
    if (value === undefined) return UNDEFINED;
    if (value === null) return NULL;

    switch (typeof value) {
      case "number":
        // Checked before the `#seen` lookup: Map keys use SameValueZero, so
        // `-0` would otherwise be found as an earlier `0`.
        if (value !== value) return NAN;
        if (value === Infinity) return INFINITY_POS;
        if (value === -Infinity) return INFINITY_NEG;
        if (value === 0 && 1 / value < 0) return ZERO_NEG;
        return this.#primitive(value, String(value));
      case "boolean":
        return this.#primitive(value, value ? "true" : "false");
      case "string":
        return this.#primitive(value, JSON.stringify(value));
      case "bigint":
        return this.#primitive(value, `["BigInt","${value}"]`);
      case "symbol":
        throw this.#refuse("symbol");
    }

    // Objects and functions.
    const seen = this.#seen.get(value);
    if (seen !== undefined) return seen;
    // Reserve the slot before descending so cycles find this node.
    const idx = this.#reserve(value);

    for (const [name, fn] of this.#custom) {
      const res = fn?.(value);
      if (res === undefined) continue;
      this.out[idx] = this.#customNode(idx, name, res.value);
      return idx;
    }

    if (typeof value === "function") throw this.#refuse("function");
    this.out[idx] = this.#object(value as object);
    return idx;
  }

  #primitive(value: unknown, encoded: string): number {
    const seen = this.#seen.get(value);
    if (seen !== undefined) return seen;
    const idx = this.#reserve(value);
    this.out[idx] = encoded;
    return idx;
  }

  #reserve(value: unknown): number {
    const idx = this.out.push("") - 1;
    this.#seen.set(value, idx);
    return idx;
  }

  #customNode(idx: number, name: string, inner: unknown): string {
    this.#openCustom.add(idx);
    const ref = this.#visitAt(inner, { text: ".value" });
    // A custom value is rebuilt from its fully revived inner value, so a cycle
    // made only of custom values (a signal holding itself) cannot be parsed.
    // Fail here, on the server, rather than in the browser.
    if (this.#openCustom.has(ref)) {
      const path = this.#renderPath();
      throw new SerializeError(
        `Cannot serialize a ${name} at ${path}: its value leads back to itself ` +
          `through custom-serialized values only (e.g. a signal whose value ` +
          `is that signal), which cannot be revived`,
        path,
      );
    }
    this.#openCustom.delete(idx);
    return `[${JSON.stringify(name)},${ref}]`;
  }

  #object(value: object): string {
    if (Array.isArray(value)) return this.#array(value);
    if (value instanceof Date) {
      const time = value.getTime();
      // toISOString() throws on an invalid Date; null stands for one.
      return time !== time
        ? '["Date",null]'
        : `["Date","${value.toISOString()}"]`;
    }
    if (value instanceof URL) return `["URL",${JSON.stringify(value.href)}]`;
    if (value instanceof RegExp) {
      return `["RegExp",${JSON.stringify(value.source)},${
        JSON.stringify(value.flags)
      }]`;
    }
    if (value instanceof Uint8Array) {
      return `["Uint8Array","${toBase64(value)}"]`;
    }
    if (value instanceof Map) return this.#map(value);
    if (value instanceof Set) return this.#set(value);
    return this.#plain(value);
  }

  #array(value: unknown[]): string {
    let str = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) str += ",";
      str += i in value ? this.#visitAt(value[i], i) : HOLE;
    }
    return str + "]";
  }

  #map(value: Map<unknown, unknown>): string {
    const refs: number[] = [];
    let i = 0;
    for (const [k, v] of value) {
      refs.push(this.#visitAt(k, { text: `.keys()[${i}]` }));
      refs.push(this.#visitAt(v, { text: mapValueNote(k, i) }));
      i++;
    }
    return `["Map",[${refs.join(",")}]]`;
  }

  #set(value: Set<unknown>): string {
    const refs: number[] = [];
    let i = 0;
    for (const v of value) {
      refs.push(this.#visitAt(v, { text: `.values()[${i++}]` }));
    }
    return `["Set",[${refs.join(",")}]]`;
  }

  #plain(value: object): string {
    let str = "{";
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (i > 0) str += ",";
      str += JSON.stringify(key) + ":";
      str += this.#visitAt((value as Record<string, unknown>)[key], key);
    }
    return str + "}";
  }

  /** Visits `value` with `segment` on the path. */
  #visitAt(value: unknown, segment: Segment): number {
    this.#path.push(segment);
    const ref = this.visit(value);
    this.#path.pop();
    return ref;
  }

  #refuse(kind: "function" | "symbol"): SerializeError {
    const path = this.#renderPath();
    return new SerializeError(
      `Cannot serialize a ${kind} at ${path}: ${kind}s are not supported in island props`,
      path,
    );
  }

  #renderPath(): string {
    let str = "props";
    for (const seg of this.#path) {
      if (typeof seg === "number") str += `[${seg}]`;
      else if (typeof seg === "string") {
        str += IDENTIFIER.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
      } else str += seg.text;
    }
    return str;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `.get(key)` for readable keys, positional otherwise. */
function mapValueNote(key: unknown, i: number): string {
  switch (typeof key) {
    case "string":
      return `.get(${JSON.stringify(key)})`;
    case "number":
    case "boolean":
      return `.get(${key})`;
    case "bigint":
      return `.get(${key}n)`;
  }
  return `.values()[${i}]`;
}

function toBase64(bytes: Uint8Array): string {
  // Only the view's own bytes: `bytes.buffer` may be larger (subarray).
  let bin = "";
  // Chunked so the spread stays well under engines' argument limits.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}
