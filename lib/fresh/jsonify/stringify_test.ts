import assert from "node:assert/strict";
import { SerializeError, stringify } from "./stringify.ts";
import { parse } from "./parse.ts";

Deno.test("jsonify - shared object is written as one node", () => {
  const shared = { id: 1 };
  assert.equal(
    stringify({ a: shared, b: shared }),
    '[{"a":1,"b":1},{"id":2},1]',
  );
});

Deno.test("jsonify - equal primitives are written once", () => {
  assert.equal(stringify(["x", "x", 7, 7]), '[[1,1,2,2],"x",7]');
});

Deno.test("jsonify - sentinel-only root is a bare number", () => {
  assert.equal(stringify(undefined), "-1");
  assert.equal(stringify(null), "-2");
  assert.equal(stringify(NaN), "-3");
  assert.equal(stringify(-0), "-6");
});

Deno.test("jsonify - typed values are tagged tuples", () => {
  assert.equal(
    stringify([
      new Date("2024-01-02T03:04:05.000Z"),
      new URL("https://example.com/a b"),
      /a"b/gi,
      new Uint8Array([1, 2, 3]),
      12n,
    ]),
    '[[1,2,3,4,5],["Date","2024-01-02T03:04:05.000Z"],' +
      '["URL","https://example.com/a%20b"],["RegExp","a\\"b","gi"],' +
      '["Uint8Array","AQID"],["BigInt","12"]]',
  );
});

Deno.test("jsonify - invalid Date is written as null", () => {
  assert.equal(stringify(new Date(NaN)), '[["Date",null]]');
});

Deno.test("jsonify - Uint8Array view writes only its own bytes", () => {
  const view = new Uint8Array([9, 8, 7, 6]).subarray(1, 3);
  assert.equal(stringify(view), '[["Uint8Array","CAc="]]');
});

Deno.test("jsonify - function refusal names the path", () => {
  const props = { items: [1, 2, { onClick() {} }] };
  assert.throws(() => stringify(props), (err) => {
    assert.ok(err instanceof SerializeError);
    assert.equal(
      err.message,
      "Cannot serialize a function at props.items[2].onClick: " +
        "functions are not supported in island props",
    );
    assert.equal(err.path, "props.items[2].onClick");
    return true;
  });
});

Deno.test("jsonify - function at the root is refused", () => {
  assert.throws(
    () => stringify(() => {}),
    { name: "SerializeError", message: /a function at props:/ },
  );
});

Deno.test("jsonify - symbol refusal names the path", () => {
  assert.throws(
    () => stringify({ kind: Symbol("x") }),
    {
      name: "SerializeError",
      message: "Cannot serialize a symbol at props.kind: " +
        "symbols are not supported in island props",
    },
  );
});

Deno.test("jsonify - path quotes keys that are not identifiers", () => {
  assert.throws(
    () => stringify({ "data-x": () => {} }),
    { message: /at props\["data-x"\]:/ },
  );
});

Deno.test("jsonify - path goes through Map and Set entries", () => {
  const fn = () => {};
  assert.throws(
    () => stringify({ m: new Map([["a", fn]]) }),
    { message: /at props\.m\.get\("a"\):/ },
  );
  assert.throws(
    () => stringify({ m: new Map([[fn, 1]]) }),
    { message: /at props\.m\.keys\(\)\[0\]:/ },
  );
  assert.throws(
    () => stringify({ s: new Set([1, fn]) }),
    { message: /at props\.s\.values\(\)\[1\]:/ },
  );
});

Deno.test("jsonify - custom stringifiers run in order, first match wins", () => {
  const always = (n: number) => (_v: unknown) => ({ value: n });
  assert.equal(stringify({}, { A: always(1), B: always(2) }), '[["A",1],1]');
  // A declining stringifier hands the value on to the next one.
  assert.equal(
    stringify({}, { A: () => undefined, B: always(2) }),
    '[["B",1],2]',
  );
});

Deno.test("jsonify - custom stringifiers see arrays", () => {
  const str = stringify([1], {
    Arr: (v) => Array.isArray(v) ? { value: "arr" } : undefined,
  });
  assert.equal(str, '[["Arr",1],"arr"]');
});

Deno.test("jsonify - custom stringifiers may claim functions", () => {
  const fn = () => {};
  const str = stringify({ f: fn }, {
    Fn: (v) => typeof v === "function" ? { value: "noop" } : undefined,
  });
  assert.equal(str, '[{"f":1},["Fn",2],"noop"]');
});

Deno.test("jsonify - class instances become plain objects", () => {
  class Point {
    constructor(public x: number, public y: number) {}
  }
  const parsed = parse<Record<string, number>>(stringify(new Point(1, 2)));
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.deepEqual(parsed, { x: 1, y: 2 });
});
