import assert from "node:assert/strict";
import { collapsedChunks, collapseWhitespace } from "./whitespace.ts";

/** What the chunked version must match. */
const reference = (text: string) => text.replace(/\s+/g, " ");

Deno.test("collapseWhitespace: every run of whitespace becomes one space", () => {
  for (
    const text of [
      "",
      " ",
      "INT.\tPIER  -  DAY",
      "  a \t\n b\u00a0c\u2003\u2003d\uFEFF ",
      "single spaces only, left as they are",
      "\n",
    ]
  ) {
    assert.equal(
      collapseWhitespace(text),
      reference(text),
      JSON.stringify(text),
    );
  }
});

Deno.test("collapseWhitespace: long text is cut into chunks between runs, never inside one", () => {
  const runs = [" ", "  ", "\t", " \n ", " ".repeat(70_000), "\u2003\u2003"];
  const words = ["a", "bc", "x".repeat(40_000), "-"];
  let text = "";
  for (let i = 0; text.length < 600_000; i++) {
    text += words[i % words.length] + runs[(i * 7) % runs.length];
  }
  assert.equal(collapseWhitespace(text), reference(text));
  const chunks = [...collapsedChunks(text)];
  assert.ok(chunks.length > 5, `${chunks.length} chunks`);
  assert.equal(chunks.join(""), reference(text));
});
