import assert from "node:assert/strict";
import { SECTION_LABELS } from "@/lib/budget/shared.ts";
import { SCENE_STATUS_LABELS, SCENE_STATUSES } from "@/lib/script/breakdown.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { COLUMNS } from "@/lib/tasks/board.ts";
import {
  STATUS_LABELS as SHOT_STATUS_LABELS,
  STATUS_ORDER,
} from "@/lib/vfx/shared.ts";
import { api } from "./helpers/api_client.ts";
import { getPage } from "./helpers/pages.ts";
import { createTestApp, login } from "./helpers/test_app.ts";

Deno.test("reports - management only; each sees the modules it may read", async () => {
  const app = await createTestApp({}, { moduleData: true });
  try {
    for (const demo of DEMO_USERS) {
      const { cookie, token } = await login(app, demo.username);
      const { status, html } = await getPage(app, "/reports", cookie);
      const management = ["producer", "production_manager", "director"]
        .includes(demo.role);
      assert.equal(status, management ? 200 : 403, demo.username);
      const reply = await api(app, { token }).get("/api/reports");
      assert.equal(reply.status, management ? 200 : 403, demo.username);
      if (!management) continue;
      const ids = reply.body.tables.map((t: { id: string }) => t.id);
      assert.ok(
        ids.includes("tasks-by-status") && ids.includes("tasks-by-department"),
      );
      assert.equal(
        ids.includes("budget-by-section"),
        demo.role !== "director",
        demo.username,
      );
      assert.equal(
        ids.includes("shots-by-status"),
        demo.role !== "production_manager",
        demo.username,
      );
      assert.match(html, /<svg class="report-chart" role="img"/);
    }
  } finally {
    await app.close();
  }
});

Deno.test("reports - the seeded production adds up; CSV export of a table", async () => {
  const app = await createTestApp({}, { moduleData: true });
  try {
    const producer = api(app, await login(app, "producer"));
    const summary = (await producer.get("/api/reports")).body;
    const byStatus = summary.tables.find((t: { id: string }) =>
      t.id === "tasks-by-status"
    );
    const total = byStatus.rows.reduce(
      (n: number, r: { value: number }) => n + r.value,
      0,
    );
    assert.equal(total, 30);
    const scenes = summary.tables.find((t: { id: string }) =>
      t.id === "scenes-by-status"
    );
    const approved = scenes.rows.find((r: { label: string }) =>
      r.label === "Approved"
    );
    assert.equal(approved.value, 2);
    const csv = await producer.request(
      "GET",
      "/api/reports/budget-by-section.csv",
    );
    assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
    const text = await csv.text();
    assert.match(text, /^Item,Value,Allocated\r\n/);
    assert.match(text, /Above the line,\d+\.\d\d,\d+\.\d\d\r\n/);
    const missing = await producer.request("GET", "/api/reports/nope.csv");
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await app.close();
  }
});

Deno.test("reports - one label per status: the VFX, task, scene and budget tables read as their modules do", async () => {
  const app = await createTestApp({}, { moduleData: true });
  try {
    const session = await login(app, "producer");
    const producer = api(app, session);
    const summary = (await producer.get("/api/reports")).body;
    const labels = (id: string) =>
      summary.tables.find((t: { id: string }) => t.id === id).rows.map((
        r: { label: string },
      ) => r.label);
    assert.deepEqual(
      labels("shots-by-status"),
      STATUS_ORDER.map((s) => SHOT_STATUS_LABELS[s]),
    );
    assert.ok(labels("shots-by-status").includes("Pending review"));
    assert.deepEqual(labels("tasks-by-status"), COLUMNS.map((c) => c.label));
    assert.deepEqual(
      labels("scenes-by-status"),
      SCENE_STATUSES.map((s) => SCENE_STATUS_LABELS[s]),
    );
    // Budget sections in top-sheet order, labelled as on the budget page.
    const sections = labels("budget-by-section");
    assert.deepEqual(
      sections,
      Object.values(SECTION_LABELS).filter((l) => sections.includes(l)),
    );
    assert.ok(sections.length >= 3);
    // The /vfx pills and the CSV say the same words as the reports.
    const { html: vfx } = await getPage(app, "/vfx", session.cookie);
    assert.match(vfx, /data-status="pending_review"[^>]*>Pending review</);
    const csv = await (await producer.request(
      "GET",
      "/api/reports/shots-by-status.csv",
    )).text();
    assert.match(csv, /\r\nPending review,2\r\n/);
    assert.doesNotMatch(csv, /in review/i);
  } finally {
    await app.close();
  }
});
