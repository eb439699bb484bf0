import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import {
  ErrorSummary,
  fieldErrors,
  issueErrors,
  missingFields,
} from "./FormFields.tsx";

Deno.test("issueErrors - every field's first message at once, renamed", () => {
  assert.deepEqual(
    issueErrors([
      { path: ["amountCents"], message: "Give a whole number of cents" },
      { path: ["amountCents"], message: "second" },
      { path: ["description"], message: "Describe the expense" },
      { path: ["date"], message: "Give the date as YYYY-MM-DD" },
      { path: [], message: "whole form" },
    ], { amountCents: "amount" }),
    {
      amount: "Give a whole number of cents",
      description: "Describe the expense",
      date: "Give the date as YYYY-MM-DD",
      form: "whole form",
    },
  );
  assert.deepEqual(issueErrors(undefined), {});
  assert.deepEqual(issueErrors({ field: "code" }), {});
});

Deno.test("missingFields - blank and spaces-only required fields", () => {
  assert.deepEqual(
    missingFields(
      { name: "  ", code: "2300", section: "" },
      { name: "Enter a name", code: "Enter a code", section: "Pick one" },
    ),
    { name: "Enter a name", section: "Pick one" },
  );
});

Deno.test("fieldErrors - ids, ARIA wiring, and autofocus on the first invalid field", () => {
  const { field, error } = fieldErrors("x", {
    b: "Bad b",
    c: "Bad c",
  }, ["a", "b", "c"]);
  assert.deepEqual(field("a"), { id: "x-a" });
  assert.deepEqual(field("a", "x-a-hint"), {
    id: "x-a",
    "aria-describedby": "x-a-hint",
  });
  assert.deepEqual(field("b"), {
    id: "x-b",
    "aria-invalid": true,
    "aria-describedby": "x-b-error",
    autoFocus: true,
  });
  assert.deepEqual(field("c"), {
    id: "x-c",
    "aria-invalid": true,
    "aria-describedby": "x-c-error",
  });
  assert.equal(
    render(<>{error("c")}</>),
    '<span class="field-error" id="x-c-error">Bad c</span>',
  );
  assert.deepEqual(fieldErrors("", { name: "!" }).field("name"), {
    id: "name",
    "aria-invalid": true,
    "aria-describedby": "name-error",
  });
});

Deno.test("ErrorSummary - a linked list of every field's message, or the form's message", () => {
  const html = render(
    <form>
      <ErrorSummary
        prefix="x"
        errors={{ c: "Bad c", a: "Bad a", form: "Also this" }}
        labels={{ a: "Alpha", b: "Beta", c: "Gamma" }}
        message="Check the highlighted fields."
      />
    </form>,
  );
  assert.match(html, /role="alert"/);
  assert.match(html, /Check the highlighted fields\./);
  // In form order, each linked to its field; the form-level one unlinked.
  assert.match(
    html,
    /<a href="#x-a">Alpha: Bad a<\/a><\/li><li><a href="#x-c">Gamma: Bad c<\/a><\/li><li>Also this<\/li>/,
  );
  assert.equal(
    render(
      <ErrorSummary
        prefix="x"
        errors={{}}
        labels={{}}
        message="Refused"
        id="x-error"
      />,
    ),
    '<div class="form-errors"><p class="form-error" role="alert" id="x-error">Refused</p></div>',
  );
  assert.equal(
    render(<ErrorSummary prefix="x" errors={{}} labels={{ a: "A" }} />),
    '<div class="form-errors"></div>',
  );
});
