import assert from "node:assert/strict";
import { render } from "preact-render-to-string";
import { FilterForm, FilterSelect } from "./FilterForm.tsx";

const options = [
  { value: "high", label: "High" },
  { value: "low", label: "Low" },
];

Deno.test("FilterForm - a GET form named for its list, with Apply and Clear", () => {
  const html = render(
    <FilterForm label="Filter tasks" class="extra" clearHref="/tasks">
      <input name="q" />
    </FilterForm>,
  );
  assert.match(html, /<form class="filters extra" method="get"/);
  assert.match(html, /aria-label="Filter tasks"/);
  assert.match(html, /<input name="q"\/>.*>Apply<\/button>/);
  assert.match(
    html,
    /<a class="button button-quiet" href="\/tasks">Clear<\/a>/,
  );
});

Deno.test("FilterForm - no Clear link without a place to clear to", () => {
  const html = render(
    <FilterForm label="Filter files" clearHref={null}>x</FilterForm>,
  );
  assert.doesNotMatch(html, /Clear/);
});

Deno.test("FilterSelect - the any choice first, the chosen value selected", () => {
  const html = render(
    <FilterSelect
      name="priority"
      label="Priority"
      anyLabel="Any"
      options={options}
      selected="low"
    />,
  );
  assert.match(html, /<span>Priority<\/span><select name="priority">/);
  assert.match(html, /<option value>Any<\/option><option value="high">/);
  assert.match(html, /<option value="low" selected>Low<\/option>/);
  assert.equal(html.match(/selected/g)?.length, 1);
});

Deno.test("FilterSelect - a value outside the options selects nothing", () => {
  const html = render(
    <FilterSelect
      name="priority"
      label="Priority"
      anyLabel="Any"
      options={options}
      selected="urgent"
    />,
  );
  assert.doesNotMatch(html, /selected/);
});
