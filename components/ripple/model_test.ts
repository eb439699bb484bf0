import assert from "node:assert/strict";
import type { FlagView, RippleView } from "@/lib/ripple/shared.ts";
import {
  byKind,
  initialFilter,
  mineCount,
  shownDrafts,
  withFlag,
} from "./model.ts";

function flag(
  id: string,
  type: "task" | "shot",
  status: FlagView["status"],
  scene = "Scene 4",
) {
  return {
    id,
    version: 1,
    scriptId: "s1",
    draft: 2,
    sceneKey: "k",
    impact: "changed",
    detail: null,
    scene,
    record: { ref: { type, id }, title: id, detail: "", href: "/" },
    owners: [],
    status,
    note: "",
    resolvedByName: null,
    resolvedAt: null,
    resolvable: status === "open",
  } satisfies FlagView;
}

const VIEW: RippleView = {
  open: 1,
  drafts: [
    { scriptId: "s1", scriptTitle: "A", draft: 3, scenes: 1, flags: [] },
    {
      scriptId: "s1",
      scriptTitle: "A",
      draft: 2,
      scenes: 2,
      flags: [flag("t1", "task", "open"), flag("s1", "shot", "kept")],
    },
  ],
};

Deno.test("ripple model - the open filter hides resolved flags and empty drafts, not the focused one", () => {
  assert.deepEqual(
    shownDrafts(VIEW, "open", null).map((d) => [d.draft, d.flags.length]),
    [[2, 1]],
  );
  assert.deepEqual(
    shownDrafts(VIEW, "open", { scriptId: "s1", draft: 3 }).map((d) => d.draft),
    [3, 2],
  );
  assert.equal(shownDrafts(VIEW, "all", null)[1].flags.length, 2);
});

Deno.test("ripple model - a resolved flag takes its place and the open count follows", () => {
  const next = withFlag(VIEW, {
    ...flag("t1", "task", "kept"),
    resolvable: false,
  });
  assert.equal(next.open, 0);
  assert.equal(next.drafts[1].flags[0].status, "kept");
  assert.deepEqual(byKind(VIEW.drafts[1].flags).map(([k]) => k), [
    "task",
    "shot",
  ]);
});

Deno.test("ripple model - within a kind, flags follow the script's scene order", () => {
  const flags = [
    flag("a", "task", "open", "Scene 6"),
    flag("b", "shot", "open", "Scene 12"),
    flag("c", "task", "open", "Scene 10A"),
    flag("d", "task", "open", "Scene 2"),
    flag("e", "task", "open", "Scene 10"),
    flag("f", "shot", "open", "Scene 3"),
  ];
  assert.deepEqual(
    byKind(flags).map(([kind, group]) => [kind, group.map((f) => f.id)]),
    [["task", ["d", "a", "e", "c"]], ["shot", ["f", "b"]]],
  );
  // The caller's list is left as it was.
  assert.equal(flags[0].id, "a");
});

Deno.test("ripple model - mine: the open flags the viewer may resolve; the first visit starts there when any", () => {
  assert.equal(mineCount(VIEW), 1);
  assert.equal(initialFilter(VIEW), "mine");
  assert.deepEqual(
    shownDrafts(VIEW, "mine", null).flatMap((d) => d.flags.map((f) => f.id)),
    ["t1"],
  );
  const none = withFlag(VIEW, {
    ...flag("t1", "task", "kept"),
    resolvable: false,
  });
  assert.equal(initialFilter(none), "open");
});
