import assert from "node:assert/strict";
import { contentDisposition, sanitizeFileName } from "./schemas.ts";

Deno.test("assets names - paths, controls, reserved characters, length", () => {
  const cases: [string, string][] = [
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\mara\\Desktop\\call sheet.pdf", "call sheet.pdf"],
    ["evil\r\nSet-Cookie: x=1.txt", "evil Set-Cookie_ x=1.txt"],
    ['say "cut".txt', "say _cut_.txt"],
    ["a<b>c|d?e*f.png", "a_b_c_d_e_f.png"],
    ["  ..hidden. ", "hidden"],
    ["invoice\u202Egnp.exe", "invoicegnp.exe"],
    ["zero\u200Bwidth.pdf", "zerowidth.pdf"],
    ["tab\tand   spaces.txt", "tab and spaces.txt"],
    ["Cafe\u0301.txt", "Caf\u00e9.txt"],
    ["lone \uD800 surrogate.txt", "lone \uFFFD surrogate.txt"],
    ["..", ""],
    ["/", ""],
    ["\u0000\u0007", ""],
  ];
  for (const [raw, expected] of cases) {
    assert.equal(sanitizeFileName(raw), expected, JSON.stringify(raw));
  }
  const long = sanitizeFileName(`${"x".repeat(300)}.fountain`);
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith("x.fountain"));
  const emoji = sanitizeFileName(`${"🌌".repeat(250)}.png`);
  assert.equal([...emoji].length, 200);
  assert.ok(emoji.endsWith("🌌.png"));
  assert.equal(sanitizeFileName(long), long, "idempotent");
});

Deno.test("assets names - Content-Disposition is RFC 6266/5987 and injection-proof", () => {
  assert.equal(
    contentDisposition("call sheet.pdf"),
    `attachment; filename="call sheet.pdf"; filename*=UTF-8''call%20sheet.pdf`,
  );
  assert.equal(
    contentDisposition("Szene 1 – Nacht (final).pdf"),
    `attachment; filename="Szene 1 _ Nacht (final).pdf"; ` +
      `filename*=UTF-8''Szene%201%20%E2%80%93%20Nacht%20%28final%29.pdf`,
  );
  for (const evil of ['a"; filename="x.html', "a\r\nX-Evil: 1", "a\\b%41'c"]) {
    const header = contentDisposition(evil);
    assert.doesNotMatch(header, /[\r\n]/);
    const quoted = header.match(/filename="([^"]*)"/)![1];
    assert.doesNotMatch(quoted, /["\\%]/);
    assert.equal(header.split('"').length, 3, header);
    const star = header.match(/filename\*=UTF-8''(.*)$/)![1];
    assert.match(star, /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    assert.equal(decodeURIComponent(star), sanitizeFileName(evil));
    new Headers({ "content-disposition": header }); // a valid header value
  }
});
