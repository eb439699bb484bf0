import assert from "node:assert/strict";
import { computed, Signal, signal } from "@preact/signals";
import { parse } from "./parse.ts";
import { SerializeError, stringify } from "./stringify.ts";
import { signalParsers, signalStringifiers } from "./signals.ts";

/** stringify() then parse() with the signal plugins on both sides. */
function roundTrip<T>(value: T): T {
  return parse<T>(stringify(value, signalStringifiers), signalParsers);
}

Deno.test("jsonify - Signal round-trips", () => {
  const parsed = roundTrip(signal(5));
  assert.ok(parsed instanceof Signal);
  assert.equal(parsed.value, 5);
  parsed.value = 6;
  assert.equal(parsed.value, 6);
});

Deno.test("jsonify - Computed round-trips as a read-only computed", () => {
  const base = signal(2);
  const doubled = computed(() => base.value * 2);
  const str = stringify(doubled, signalStringifiers);
  assert.equal(str, '[["Computed",1],4]');

  const parsed = parse<typeof doubled>(str, signalParsers);
  assert.ok(parsed instanceof Signal);
  assert.equal(parsed.value, 4);
  assert.throws(() => {
    (parsed as { value: number }).value = 1;
  }, TypeError);
});

Deno.test("jsonify - one signal in two places parses to one instance", () => {
  const shared = signal("take 1");
  const [first, second] = roundTrip([{ label: shared }, { label: shared }]);
  assert.equal(first.label, second.label);
  first.label.value = "take 2";
  assert.equal(second.label.value, "take 2");
});

Deno.test("jsonify - signal whose value is an object round-trips", () => {
  const value = { scene: 12, cast: ["A", "B"], when: new Date(0) };
  const parsed = roundTrip(signal(value));
  assert.ok(parsed instanceof Signal);
  assert.deepEqual(parsed.value, value);
});

Deno.test("jsonify - cycle through a signal's value round-trips", () => {
  // Signal at the root: its value points back at it.
  const s = signal<{ self?: unknown }>({});
  s.value = { self: s };
  const parsed = roundTrip(s);
  assert.equal(parsed.value.self, parsed);

  // Object at the root, reached again through the signal.
  const obj: { count?: Signal<unknown> } = {};
  obj.count = signal(obj);
  const parsedObj = roundTrip(obj);
  assert.equal(parsedObj.count?.value, parsedObj);
});

Deno.test("jsonify - cycle through a signal inside a Map and a Set", () => {
  const s = signal<unknown>(null);
  s.value = {
    map: new Map<unknown, unknown>([[s, "key"], ["v", s]]),
    set: new Set([1, s, 2]),
  };
  const parsed = roundTrip(s) as Signal<
    { map: Map<unknown, unknown>; set: Set<unknown> }
  >;
  const { map, set } = parsed.value;
  assert.deepEqual([...map.keys()], [parsed, "v"]);
  assert.equal(map.get(parsed), "key");
  assert.equal(map.get("v"), parsed);
  assert.deepEqual([...set], [1, parsed, 2]);
});

Deno.test("jsonify - signal containing itself is refused", () => {
  const s = signal<unknown>(null);
  s.value = s;
  assert.throws(() => stringify({ s }, signalStringifiers), (err) => {
    assert.ok(err instanceof SerializeError);
    assert.equal(err.path, "props.s");
    assert.match(err.message, /leads back to itself/);
    return true;
  });
});

Deno.test("jsonify - parse refuses a cycle made only of signals", () => {
  assert.throws(() => parse('[["Signal",0]]', signalParsers), {
    message: /leads back to itself/,
  });
});

Deno.test("jsonify - signals from another copy are detected by brand", () => {
  const brand = Symbol.for("preact-signals");
  // Mimics a Signal / Computed from a second copy of @preact/signals-core.
  const foreignSignal = Object.create({
    brand,
    peek: () => 1,
    get value() {
      return 1;
    },
    set value(_v) {
      // writable, like a plain signal
    },
  });
  const foreignComputed = Object.create({
    brand,
    peek: () => 2,
    get value() {
      return 2;
    },
  });
  assert.equal(
    stringify([foreignSignal, foreignComputed], signalStringifiers),
    '[[1,3],["Signal",2],1,["Computed",4],2]',
  );
});

Deno.test("jsonify - objects with a value key are not signals", () => {
  assert.equal(stringify({ value: 1 }, signalStringifiers), '[{"value":1},1]');
});
