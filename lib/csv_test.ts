import assert from "node:assert/strict";
import { BOM, csvField, encodeCsv, safeText } from "./csv.ts";

Deno.test("csv - quotes what RFC 4180 requires, CRLF after every row", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField('say "hi", then\nleave'), '"say ""hi"", then\nleave"');
  assert.equal(encodeCsv([["a", "b,c"], ["1", ""]]), 'a,"b,c"\r\n1,\r\n');
  assert.equal(BOM, "\uFEFF");
});

Deno.test("csv - typed text that a spreadsheet would evaluate becomes text", () => {
  for (const risky of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
    assert.equal(safeText(risky), `'${risky}`);
  }
  assert.equal(safeText("Margit"), "Margit");
});
