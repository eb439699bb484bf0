/**
 * Revives island props written by `stringify()`.
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
 * Revivers for custom type tags, the counterpart of `Stringifiers`. Each
 * receives the already revived inner value and returns the final value.
 *
 * When a custom value sits on a cycle, objects inside its argument may still
 * hold placeholders while the function runs (they are patched right after),
 * so revivers should wrap the value rather than walk it.
 */
// deno-lint-ignore no-explicit-any
export type CustomParser = Record<string, (value: any) => unknown>;

/**
 * Parses a `stringify()` payload back into values, restoring shared and
 * circular references as the same objects.
 *
 * Object keys such as `"__proto__"` become own properties; they never touch
 * prototypes. Unknown type tags and malformed references throw.
 *
 * @example
 * ```ts
 * const props = parse<{ a: object; b: object }>('[{"a":1,"b":1},{"id":2},1]');
 * props.a === props.b; // true
 * ```
 */
export function parse<T = unknown>(value: string, custom?: CustomParser): T {
  const data: unknown = JSON.parse(value);
  // stringify() emits a bare sentinel when the root has no node of its own.
  if (typeof data === "number") return sentinel(data) as T;
  if (!Array.isArray(data) || data.length === 0) {
    throw new Error(
      "Invalid serialized props: expected a non-empty array of nodes",
    );
  }
  return new Reader(data, custom).read(0) as T;
}

// Node states; 0 (the Uint8Array default) means not read yet.
const READING_CUSTOM = 1;
const DONE = 2;

/**
 * Stand-in for a custom value that is still being revived. Containers that
 * receive one register a fix-up that swaps in the real value once known.
 */
class Pending {
  readonly fixups: ((value: unknown) => void)[] = [];
}

class Reader {
  #nodes: unknown[];
  #custom: CustomParser | undefined;
  #values: unknown[];
  #state: Uint8Array;
  #pending = new Map<number, Pending>();

  constructor(nodes: unknown[], custom: CustomParser | undefined) {
    this.#nodes = nodes;
    this.#custom = custom;
    this.#values = new Array(nodes.length);
    this.#state = new Uint8Array(nodes.length);
  }

  /** Resolves a reference; may return a `Pending` inside a custom cycle. */
  read(ref: unknown): unknown {
    if (typeof ref !== "number" || !Number.isInteger(ref)) {
      throw new Error(
        `Invalid serialized props: ${JSON.stringify(ref)} is not a reference`,
      );
    }
    if (ref < 0) return sentinel(ref);
    if (ref >= this.#nodes.length) {
      throw new Error(`Invalid serialized props: no node ${ref}`);
    }
    switch (this.#state[ref]) {
      case DONE:
        return this.#values[ref];
      case READING_CUSTOM:
        return this.#pending.get(ref);
    }
    return this.#revive(ref);
  }

  #done(idx: number, value: unknown): unknown {
    this.#values[idx] = value;
    this.#state[idx] = DONE;
    return value;
  }

  #revive(idx: number): unknown {
    const node = this.#nodes[idx];
    if (node === null || typeof node !== "object") return this.#done(idx, node);
    if (!Array.isArray(node)) return this.#object(idx, node);
    // Typed tuples start with their tag; plain arrays only hold references.
    if (typeof node[0] === "string") return this.#typed(idx, node);
    return this.#array(idx, node);
  }

  #array(idx: number, node: unknown[]): unknown[] {
    const arr = new Array(node.length);
    this.#done(idx, arr);
    for (let i = 0; i < node.length; i++) {
      // Skipping leaves a real hole, not an `undefined` element.
      if (node[i] === HOLE) continue;
      put(this.read(node[i]), (v) => arr[i] = v);
    }
    return arr;
  }

  #object(idx: number, node: object): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    this.#done(idx, obj);
    for (const key of Object.keys(node)) {
      const ref = (node as Record<string, unknown>)[key];
      put(this.read(ref), (v) => setOwn(obj, key, v));
    }
    return obj;
  }

  #typed(idx: number, node: unknown[]): unknown {
    const tag = node[0] as string;
    // hasOwn, not `in`: a tag like "toString" must not reach the prototype.
    if (this.#custom !== undefined && Object.hasOwn(this.#custom, tag)) {
      return this.#customValue(idx, tag, this.#custom[tag], node[1]);
    }
    switch (tag) {
      case "BigInt":
        return this.#done(idx, BigInt(field(node, 1, idx)));
      case "URL":
        return this.#done(idx, new URL(field(node, 1, idx)));
      case "Date":
        return this.#done(
          idx,
          new Date(node[1] === null ? NaN : field(node, 1, idx)),
        );
      case "RegExp":
        return this.#done(
          idx,
          new RegExp(field(node, 1, idx), field(node, 2, idx)),
        );
      case "Uint8Array":
        return this.#done(idx, fromBase64(field(node, 1, idx)));
      case "Set":
        return this.#set(idx, refList(node, idx));
      case "Map":
        return this.#map(idx, refList(node, idx));
    }
    throw new Error(
      `Invalid serialized props: unknown type tag ${
        JSON.stringify(tag)
      } at node ${idx} (is a custom parser missing?)`,
    );
  }

  #set(idx: number, refs: unknown[]): Set<unknown> {
    // Registered before the items are read so a Set containing itself works.
    const set = new Set<unknown>();
    this.#done(idx, set);
    for (const ref of refs) {
      const item = this.read(ref);
      set.add(item);
      if (item instanceof Pending) {
        item.fixups.push((v) => replaceInSet(set, item, v));
      }
    }
    return set;
  }

  #map(idx: number, refs: unknown[]): Map<unknown, unknown> {
    if (refs.length % 2 !== 0) {
      throw new Error(
        `Invalid serialized props: odd Map entries at node ${idx}`,
      );
    }
    const map = new Map<unknown, unknown>();
    this.#done(idx, map);
    for (let i = 0; i < refs.length; i += 2) {
      const key = this.read(refs[i]);
      const value = this.read(refs[i + 1]);
      map.set(key, value);
      for (const part of [key, value]) {
        if (part instanceof Pending) {
          part.fixups.push((v) => replaceInMap(map, part, v));
        }
      }
    }
    return map;
  }

  #customValue(
    idx: number,
    tag: string,
    fn: CustomParser[string],
    ref: unknown,
  ): unknown {
    // The reviver needs the inner value first, so anything inside it that
    // points back here gets a placeholder, patched once the result exists.
    const pending = new Pending();
    this.#state[idx] = READING_CUSTOM;
    this.#pending.set(idx, pending);
    const inner = this.read(ref);
    if (inner instanceof Pending) {
      throw new Error(
        `Cannot revive ${tag} at node ${idx}: its value leads back to itself ` +
          `through custom values only`,
      );
    }
    const value = fn(inner);
    this.#pending.delete(idx);
    this.#done(idx, value);
    for (const fixup of pending.fixups) fixup(value);
    return value;
  }
}

function sentinel(ref: number): unknown {
  switch (ref) {
    case UNDEFINED:
      return undefined;
    case NULL:
      return null;
    case NAN:
      return NaN;
    case INFINITY_POS:
      return Infinity;
    case INFINITY_NEG:
      return -Infinity;
    case ZERO_NEG:
      return -0;
  }
  // HOLE lands here too: it is only meaningful inside an array node.
  throw new Error(`Invalid serialized props: unknown sentinel ${ref}`);
}

/** Stores `value` now, or later via `set` if it is still pending. */
function put(value: unknown, set: (value: unknown) => void): void {
  if (value instanceof Pending) {
    // Set a placeholder now so key order matches the original object.
    set(undefined);
    value.fixups.push(set);
  } else {
    set(value);
  }
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown) {
  if (key === "__proto__") {
    // Plain assignment would invoke the inherited __proto__ setter and swap
    // the prototype; define an ordinary own property instead.
    Object.defineProperty(obj, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    obj[key] = value;
  }
}

function field(node: unknown[], i: number, idx: number): string {
  const value = node[i];
  if (typeof value !== "string") {
    throw new Error(
      `Invalid serialized props: ${node[0]} at node ${idx} needs a string`,
    );
  }
  return value;
}

function refList(node: unknown[], idx: number): unknown[] {
  const list = node[1];
  if (!Array.isArray(list)) {
    throw new Error(
      `Invalid serialized props: ${node[0]} at node ${idx} needs a list`,
    );
  }
  return list;
}

/** Rebuilds the Set so the real value keeps the placeholder's position. */
function replaceInSet(set: Set<unknown>, from: unknown, to: unknown) {
  const items = [...set];
  set.clear();
  for (const item of items) set.add(item === from ? to : item);
}

/** Rebuilds the Map so entry order survives the key or value swap. */
function replaceInMap(map: Map<unknown, unknown>, from: unknown, to: unknown) {
  const entries = [...map];
  map.clear();
  for (const [k, v] of entries) {
    map.set(k === from ? to : k, v === from ? to : v);
  }
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
