import assert from "node:assert/strict";
import { ApiFailure } from "@/components/api.ts";
import { scriptFailureText } from "./model.ts";

const FALLBACK = "The script could not be imported";

Deno.test("scriptFailureText: the texts the script pages have always shown", () => {
  const cases: [unknown, string][] = [
    [new ApiFailure(0), `${FALLBACK}: the server could not be reached.`],
    [
      new ApiFailure(413),
      `${FALLBACK}: the script is too large (at most 2 MiB).`,
    ],
    [
      new ApiFailure(413, { code: "payload_too_large", message: "Too big" }),
      "Too big",
    ],
    [
      new ApiFailure(415),
      `${FALLBACK}: that is not a Fountain or plain text file.`,
    ],
    [
      new ApiFailure(415, {
        code: "unsupported_media_type",
        message: "Binary",
      }),
      "Binary",
    ],
    [
      new ApiFailure(400, {
        code: "validation",
        message: "The request is invalid",
        details: [{ message: "First" }, {}, { message: "Second" }],
      }),
      "First; Second",
    ],
    [
      new ApiFailure(400, {
        code: "validation",
        message: "The request is invalid",
        details: [],
      }),
      "The request is invalid",
    ],
    [
      new ApiFailure(409, { code: "conflict", message: "Changed meanwhile" }),
      "Changed meanwhile",
    ],
    [new ApiFailure(500), `${FALLBACK}.`],
    [new TypeError("boom"), `${FALLBACK}.`],
    [undefined, `${FALLBACK}.`],
  ];
  for (const [failure, text] of cases) {
    assert.equal(scriptFailureText(failure, FALLBACK), text);
  }
});
