import assert from "node:assert/strict";
import { parse } from "./parse.ts";
import { stringify } from "./stringify.ts";

/** stringify() then parse(). */
function roundTrip<T>(value: T): T {
  return parse<T>(stringify(value));
}

Deno.test("jsonify - primitives round-trip", () => {
  for (const value of [null, undefined, true, false, 0, 42, -1.5, 1e21, ""]) {
    assert.ok(Object.is(roundTrip(value), value), String(value));
  }
  const text = 'quote " backslash \\ newline \n emoji 🎬 nul \0';
  assert.equal(roundTrip(text), text);
});

Deno.test("jsonify - -0 round-trips, also after a 0", () => {
  assert.ok(Object.is(roundTrip(-0), -0));
  const [zero, negZero] = roundTrip([0, -0]);
  assert.ok(Object.is(zero, 0));
  assert.ok(Object.is(negZero, -0));
});

Deno.test("jsonify - NaN and Infinity round-trip", () => {
  assert.deepEqual(roundTrip([NaN, Infinity, -Infinity]), [
    NaN,
    Infinity,
    -Infinity,
  ]);
  assert.ok(Number.isNaN(roundTrip(NaN)));
});

Deno.test("jsonify - BigInt round-trips", () => {
  assert.deepEqual(roundTrip([0n, -1n, 2n ** 100n]), [0n, -1n, 2n ** 100n]);
});

Deno.test("jsonify - sparse arrays keep their holes", () => {
  // deno-lint-ignore no-sparse-arrays
  const parsed = roundTrip([1, , 3, undefined]);
  assert.equal(parsed.length, 4);
  assert.ok(!(1 in parsed));
  assert.ok(3 in parsed);
  assert.equal(parsed[3], undefined);
  assert.equal(parsed[2], 3);

  const empty = roundTrip(new Array(3));
  assert.equal(empty.length, 3);
  assert.deepEqual(Object.keys(empty), []);
});

Deno.test("jsonify - plain objects and arrays round-trip", () => {
  const value = {
    title: "Scene 12",
    takes: [1, 2, { ok: true, note: null }],
    nested: { deep: { deeper: [[], {}] } },
    "odd key": undefined,
  };
  const parsed = roundTrip(value);
  assert.deepEqual(parsed, value);
  assert.ok(Object.hasOwn(parsed, "odd key"));
});

Deno.test("jsonify - Date round-trips", () => {
  const date = new Date("2024-05-31T12:34:56.789Z");
  const parsed = roundTrip(date);
  assert.ok(parsed instanceof Date);
  assert.equal(parsed.getTime(), date.getTime());
});

Deno.test("jsonify - invalid Date round-trips", () => {
  const parsed = roundTrip(new Date("not a date"));
  assert.ok(parsed instanceof Date);
  assert.ok(Number.isNaN(parsed.getTime()));
});

Deno.test("jsonify - URL round-trips", () => {
  const parsed = roundTrip(new URL("https://example.com/p?q=1#h"));
  assert.ok(parsed instanceof URL);
  assert.equal(parsed.href, "https://example.com/p?q=1#h");
});

Deno.test("jsonify - RegExp round-trips", () => {
  const parsed = roundTrip(/fo+["\/]\d/gimsuy);
  assert.ok(parsed instanceof RegExp);
  assert.equal(parsed.source, 'fo+["\\/]\\d');
  assert.equal(parsed.flags, "gimsuy");
});

Deno.test("jsonify - Uint8Array round-trips", () => {
  const bytes = new Uint8Array(256).map((_, i) => i);
  const parsed = roundTrip(bytes);
  assert.ok(parsed instanceof Uint8Array);
  assert.deepEqual([...parsed], [...bytes]);
  assert.equal(roundTrip(new Uint8Array()).length, 0);
});

Deno.test("jsonify - Map round-trips", () => {
  const map = new Map<unknown, unknown>([["a", 1], [2, "b"], [null, NaN]]);
  const parsed = roundTrip(map);
  assert.ok(parsed instanceof Map);
  assert.deepEqual([...parsed], [...map]);
});

Deno.test("jsonify - Set round-trips", () => {
  const set = new Set([1, "a", null, undefined, NaN]);
  const parsed = roundTrip(set);
  assert.ok(parsed instanceof Set);
  assert.deepEqual([...parsed], [...set]);
});

Deno.test("jsonify - nested Map and Set with object keys round-trip", () => {
  const key = { crew: "grip" };
  const inner = new Set([key, new Map([[key, [1, 2]]])]);
  const map = new Map<unknown, unknown>([[key, inner], [[1], "array key"]]);
  const parsed = roundTrip({ map, key });

  assert.deepEqual(parsed, { map, key });
  // The object key is the same object as the sibling `key` prop.
  const [[parsedKey, parsedInner]] = parsed.map;
  assert.equal(parsedKey, parsed.key);
  assert.ok(parsedInner instanceof Set);
  const [setKey, innerMap] = parsedInner;
  assert.equal(setKey, parsed.key);
  assert.deepEqual((innerMap as Map<unknown, unknown>).get(parsed.key), [1, 2]);
});

Deno.test("jsonify - shared references keep identity", () => {
  const inner = { foo: 123 };
  const date = new Date(0);
  const parsed = roundTrip({ a: inner, b: [inner, inner], d1: date, d2: date });
  assert.equal(parsed.a, parsed.b[0]);
  assert.equal(parsed.b[0], parsed.b[1]);
  assert.equal(parsed.d1, parsed.d2);
  assert.deepEqual(parsed.a, { foo: 123 });
});

Deno.test("jsonify - object self-reference round-trips", () => {
  const obj: Record<string, unknown> = { a: 1 };
  obj.self = obj;
  const parsed = roundTrip(obj);
  assert.equal(parsed.self, parsed);
  assert.equal(parsed.a, 1);
});

Deno.test("jsonify - array cycle round-trips", () => {
  const arr: unknown[] = [1];
  arr.push({ back: arr }, arr);
  const parsed = roundTrip(arr);
  assert.equal(parsed[2], parsed);
  assert.equal((parsed[1] as { back: unknown }).back, parsed);
});

Deno.test("jsonify - Map cycle round-trips", () => {
  const map = new Map<unknown, unknown>();
  map.set("self", map);
  map.set(map, "as key");
  const parsed = roundTrip(map);
  assert.equal(parsed.get("self"), parsed);
  assert.equal(parsed.get(parsed), "as key");
});

Deno.test("jsonify - Set cycle round-trips", () => {
  const set = new Set<unknown>([1]);
  set.add(set);
  const parsed = roundTrip(set);
  assert.ok(parsed.has(parsed));
  assert.ok(parsed.has(1));
});

Deno.test("jsonify - __proto__ key stays an own property", () => {
  const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
  const parsed = roundTrip(value);
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.ok(Object.hasOwn(parsed, "__proto__"));
  assert.deepEqual(Object.keys(parsed), ["__proto__", "a"]);
  assert.equal(parsed.polluted, undefined);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("jsonify - hostile __proto__ payload cannot set a prototype", () => {
  const parsed = parse<Record<string, unknown>>(
    '[{"__proto__":1},{"isAdmin":2},true]',
  );
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.equal(parsed.isAdmin, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(parsed, "__proto__"), {
    value: { isAdmin: true },
    writable: true,
    enumerable: true,
    configurable: true,
  });
});

Deno.test("jsonify - unknown type tag throws", () => {
  assert.throws(() => parse('[["Evil","x"]]'), {
    message: /unknown type tag "Evil" at node 0/,
  });
});

Deno.test("jsonify - tags are not looked up on the custom prototype", () => {
  assert.throws(() => parse('[["toString",1],2]', {}), {
    message: /unknown type tag "toString"/,
  });
});

Deno.test("jsonify - malformed references throw", () => {
  assert.throws(() => parse("[[5]]"), { message: /no node 5/ });
  assert.throws(() => parse('[{"a":"x"}]'), { message: /not a reference/ });
  // -7 marks array holes; anywhere else it is meaningless.
  assert.throws(() => parse('[{"a":-7}]'), {
    message: /unknown sentinel -7/,
  });
  assert.throws(() => parse("{}"), { message: /non-empty array/ });
});

Deno.test("jsonify - custom parsers revive custom tags", () => {
  class Money {
    constructor(readonly cents: number) {}
  }
  const str = stringify({ budget: new Money(500) }, {
    Money: (v) => v instanceof Money ? { value: v.cents } : undefined,
  });
  const parsed = parse<{ budget: Money }>(str, {
    Money: (cents: number) => new Money(cents),
  });
  assert.ok(parsed.budget instanceof Money);
  assert.equal(parsed.budget.cents, 500);
});
