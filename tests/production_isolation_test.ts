/**
 * Isolation between productions over HTTP (issue #12, DESIGN §3: "nothing
 * crosses from one to another"), on the two demo productions: for every
 * module a record of one production is not listed, read, changed or
 * deleted through the other's paths — a 404 that changes nothing in the
 * store, even for a member of both whose role there could do it; CSV
 * exports, reports and the event log hold only their own production's
 * records; a non-member gets the same 404 as for a production that does
 * not exist, pages included; roles are the member's in the production the
 * request is about; an event cursor never leads into another log.
 */
import assert from "node:assert/strict";
import { tinyPdf } from "@/lib/assets/seed.ts";
import { SAMPLE_SCREENPLAY } from "@/lib/fountain/sample.ts";
import { readEventsAfter, type StoredEvent } from "@/lib/store/event_log.ts";
import {
  api,
  type Session,
  sessionOf,
  sessions,
} from "./helpers/api_client.ts";
import { getPage } from "./helpers/pages.ts";
import { login, type TestApp, withModuleData } from "./helpers/test_app.ts";
import {
  apiIn,
  type DemoProduction,
  FILM,
  otherThan,
  pageIn,
  SERIES,
  storeFingerprint,
  viewOf,
} from "./helpers/two_productions.ts";

/** One record of every module in one production, made for the test. */
interface Records {
  production: DemoProduction;
  taskId: string;
  categoryId: string;
  expenseId: string;
  scriptId: string;
  sceneId: string;
  shotId: string;
  assetId: string;
  announcementId: string;
  /** Text only this production's records hold (titles, names, messages). */
  mark: string;
  /** Its budget category's allocation as the CSV exports write it. */
  allocated: string;
}

/** Everyone the tests act as: the demo users and `saltfx`. */
type People = Record<string, Session>;

interface World {
  app: TestApp;
  people: People;
  film: Records;
  series: Records;
}

/** A raw call's status and text. */
async function send(
  app: TestApp,
  who: Session | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const res = await api(app, who).request(method, path, body);
  return { status: res.status, text: await res.text() };
}

/** Asserts a 201 and returns its body. */
// deno-lint-ignore no-explicit-any
async function created(reply: Promise<{ status: number; body: any }>) {
  const { status, body } = await reply;
  assert.equal(status, 201, JSON.stringify(body));
  return body;
}

/**
 * Makes one record of every module in `p`: as the producer (a member of
 * both productions), the shot and its version as `saltfx`, a VFX artist
 * in both.
 */
async function makeRecords(
  app: TestApp,
  people: People,
  p: DemoProduction,
  allocatedCents: number,
): Promise<Records> {
  const mark = `only-in-${p.slug}`;
  const producer = api(app, people.producer);
  const task = await created(producer.post(apiIn(p, "/tasks"), {
    title: `Task ${mark}`,
    assigneeId: people.crew.id,
  }));
  const category = await created(
    producer.post(apiIn(p, "/budget/categories"), {
      name: `Category ${mark}`,
      code: "9901",
      section: "below_the_line",
      allocatedCents,
    }),
  );
  const { expense } = await created(
    producer.post(apiIn(p, "/budget/expenses"), {
      categoryId: category.id,
      description: `Expense ${mark}`,
      amountCents: 4_200,
      date: "2027-03-01",
    }),
  );
  const { script, scenes } = await created(
    producer.post(apiIn(p, "/scripts"), {
      title: `Script ${mark}`,
      source: SAMPLE_SCREENPLAY,
    }),
  );
  const artist = api(app, people.saltfx);
  const code = p.id === FILM.id ? "NL_990_0010" : "SB_990_0010";
  const shot = await created(artist.post(apiIn(p, "/vfx/shots"), {
    code,
    description: `Shot ${mark}`,
    frameIn: 1001,
    frameOut: 1100,
  }));
  await created(
    artist.post(apiIn(p, `/vfx/shots/${shot.id}/versions`), { notes: mark }),
  );
  const asset = await created(producer.post(
    apiIn(p, `/assets?name=${mark}.pdf`),
    tinyPdf(),
    { "content-type": "application/octet-stream" },
  ));
  const announcement = await created(
    producer.post(apiIn(p, "/announcements"), {
      message: `Announcement ${mark}`,
      level: "urgent",
    }),
  );
  // A production's first expense list backfills its sort indexes once
  // (lib/budget/expense_indexes.ts): done here, so the store stays still
  // under the refused requests below.
  assert.equal((await producer.get(apiIn(p, "/budget/expenses"))).status, 200);
  return {
    production: p,
    taskId: task.id,
    categoryId: category.id,
    expenseId: expense.id,
    scriptId: script.id,
    sceneId: scenes[0].id,
    shotId: shot.id,
    assetId: asset.id,
    announcementId: announcement.id,
    mark,
    allocated: (allocatedCents / 100).toFixed(2),
  };
}

/**
 * The demo data, every demo user signed in, `saltfx` (a VFX artist in
 * both productions) and one record of every module in each production.
 */
function withTwoProductions(fn: (world: World) => Promise<void>) {
  return withModuleData(async (app) => {
    const people: People = { ...await sessions(app) };
    const producer = api(app, people.producer);
    await created(producer.post(apiIn(SERIES, "/users"), {
      username: "saltfx",
      name: "Rui Salgado",
      role: "vfx",
      password: "password123",
    }));
    await created(
      producer.post(apiIn(FILM, "/users"), { username: "saltfx", role: "vfx" }),
    );
    people.saltfx = await sessionOf(app, "saltfx");
    const film = await makeRecords(app, people, FILM, 123_456_789);
    const series = await makeRecords(app, people, SERIES, 987_654_321);
    await fn({ app, people, film, series });
  });
}

/** The ids of a production's records. */
function idsOf(r: Records): string[] {
  return [
    r.taskId,
    r.categoryId,
    r.expenseId,
    r.scriptId,
    r.sceneId,
    r.shotId,
    r.assetId,
    r.announcementId,
  ];
}

/** A request by id, with the user whose role could make it. */
interface Probe {
  method: string;
  path: string;
  body?: unknown;
  who: string;
}

/**
 * Every read, change and delete by id of `r`'s records, each as a user
 * who may do it in both productions (the producer; `saltfx` for the VFX
 * artists' work): through `r`'s own production these would succeed.
 */
function probesOf(r: Records): Probe[] {
  const p = (
    method: string,
    path: string,
    body?: unknown,
    who = "producer",
  ) => ({ method, path, body, who });
  const scene = `/scripts/${r.scriptId}/scenes/${r.sceneId}`;
  return [
    p("GET", `/tasks/${r.taskId}`),
    p("GET", `/tasks/${r.taskId}/history`),
    p("PATCH", `/tasks/${r.taskId}`, { title: "Moved" }),
    p("PATCH", `/tasks/${r.taskId}`, { status: "done" }),
    p("DELETE", `/tasks/${r.taskId}`),
    p("PATCH", `/budget/categories/${r.categoryId}`, { allocatedCents: 1 }),
    p("DELETE", `/budget/categories/${r.categoryId}`),
    p("DELETE", `/budget/expenses/${r.expenseId}`),
    p("GET", `/budget/expenses?categoryId=${r.categoryId}`),
    p("GET", `/scripts/${r.scriptId}`),
    p("GET", `/scripts/${r.scriptId}/reports`),
    p("POST", `/scripts/${r.scriptId}/versions`, { source: SAMPLE_SCREENPLAY }),
    p("GET", scene),
    p("PATCH", scene, { status: "broken_down" }),
    p("GET", `${scene}/history`),
    p("GET", `/vfx/shots/${r.shotId}`),
    p("GET", `/vfx/shots/${r.shotId}/history`),
    p("PATCH", `/vfx/shots/${r.shotId}`, { description: "Moved" }, "saltfx"),
    p("PATCH", `/vfx/shots/${r.shotId}`, { status: "approved" }),
    p("POST", `/vfx/shots/${r.shotId}/versions`, { notes: "v2" }, "saltfx"),
    p("PATCH", `/vfx/shots/${r.shotId}/versions/1`, { decision: "approve" }),
    p("GET", `/assets/${r.assetId}`),
    p("GET", `/assets/${r.assetId}/content`),
    p("DELETE", `/assets/${r.assetId}`),
    p("POST", `/announcements/${r.announcementId}/dismiss`),
  ];
}

Deno.test("isolation - a record of one production is a 404 through the other's paths, for every module, and nothing changes", () =>
  withTwoProductions(async ({ app, people, film, series }) => {
    // Each probe works through the record's own production (so the 404s
    // below are about the production, not the role or the request) —
    // checked on a copy of the world at the end, as they change things.
    const before = await storeFingerprint(app);
    for (const [mine, other] of [[film, SERIES], [series, FILM]] as const) {
      for (const probe of probesOf(mine)) {
        const what = `${probe.method} ${
          apiIn(other, probe.path)
        } (a record of ${mine.production.slug}, as ${probe.who})`;
        const reply = await send(
          app,
          people[probe.who],
          probe.method,
          apiIn(other, probe.path),
          probe.body,
        );
        assert.equal(reply.status, 404, `${what}: ${reply.text}`);
        assert.equal(JSON.parse(reply.text).error.code, "not_found", what);
        assert.ok(!reply.text.includes(mine.mark), what);
      }
    }
    // A production manager there (crew is crew on the film): the budget
    // and tasks of the film are as unknown on the series' paths.
    for (
      const path of [
        `/budget/categories/${film.categoryId}`,
        `/tasks/${film.taskId}`,
      ]
    ) {
      const reply = await send(
        app,
        people.crew,
        "DELETE",
        apiIn(SERIES, path),
      );
      assert.equal(reply.status, 404, `crew: DELETE ${path}`);
    }
    // Mixed: the series' script with a scene of the film's.
    const mixed = apiIn(
      SERIES,
      `/scripts/${series.scriptId}/scenes/${film.sceneId}`,
    );
    assert.equal((await send(app, people.producer, "GET", mixed)).status, 404);
    assert.equal(
      (await send(app, people.producer, "PATCH", mixed, { status: "omitted" }))
        .status,
      404,
    );
    // Another production's category or member named in a body.
    const expense = await send(
      app,
      people.producer,
      "POST",
      apiIn(SERIES, "/budget/expenses"),
      {
        categoryId: film.categoryId,
        description: "Crossing",
        amountCents: 100,
        date: "2027-03-02",
      },
    );
    assert.equal(expense.status, 404, expense.text);
    // The director is on the film only: no task of the series is theirs.
    for (
      const [method, path] of [
        ["POST", "/tasks"],
        ["PATCH", `/tasks/${series.taskId}`],
      ]
    ) {
      const assign = await send(
        app,
        people.producer,
        method,
        apiIn(SERIES, path),
        {
          title: "Crossing",
          assigneeId: people.director.id,
        },
      );
      assert.equal(assign.status, 400, `${method} ${path}: ${assign.text}`);
      assert.deepEqual(
        JSON.parse(assign.text).error.details.map((d: { path: string[] }) =>
          d.path
        ),
        [["assigneeId"]],
      );
    }
    assert.deepEqual(
      await storeFingerprint(app),
      before,
      "no refused request wrote anything",
    );

    // The same requests through the records' own production succeed.
    for (const mine of [film, series]) {
      for (const probe of probesOf(mine)) {
        const path = apiIn(mine.production, probe.path);
        if (probe.method !== "GET") continue;
        const reply = await send(app, people[probe.who], "GET", path);
        assert.equal(reply.status, 200, `GET ${path}: ${reply.text}`);
      }
      const gone = await send(
        app,
        people.producer,
        "DELETE",
        apiIn(mine.production, `/tasks/${mine.taskId}`),
      );
      assert.equal(gone.status, 204, "the task was there to delete");
    }
  }));

Deno.test("isolation - lists, exports, reports and the event log hold only their own production's records", () =>
  withTwoProductions(async ({ app, people, film, series }) => {
    const producer = people.producer;
    for (const [mine, theirs] of [[film, series], [series, film]] as const) {
      const p = mine.production;
      const listings: [string, boolean][] = [
        // [path, whether it shows this production's record]
        ["/tasks", true],
        ["/budget", true],
        ["/budget/expenses", true],
        ["/budget/export.csv", true],
        ["/scripts", true],
        [`/scripts/${mine.scriptId}`, true],
        ["/vfx/shots", true],
        ["/assets", true],
        ["/announcements", true],
        ["/reports", false],
        ["/reports/tasks-by-status.csv", false],
        ["/reports/budget-by-section.csv", false],
        ["/users", false],
        ["/events?after=0000000000000000", true],
      ];
      for (const [path, shows] of listings) {
        const reply = await send(app, producer, "GET", apiIn(p, path));
        const what = `GET ${apiIn(p, path)}`;
        assert.equal(reply.status, 200, `${what}: ${reply.text}`);
        if (shows) assert.ok(reply.text.includes(mine.mark), what);
        assert.ok(!reply.text.includes(theirs.mark), `${what}: ${theirs.mark}`);
        for (const id of idsOf(theirs)) {
          assert.ok(!reply.text.includes(id), `${what}: ${id}`);
        }
      }
      // The budget's figures are its own: the export lists its category
      // with its allocation; the other's allocation appears nowhere.
      for (
        const path of ["/budget/export.csv", "/reports/budget-by-section.csv"]
      ) {
        const { text } = await send(app, producer, "GET", apiIn(p, path));
        assert.ok(!text.includes(theirs.allocated), `${path} in ${p.slug}`);
      }
      // The reports count the production's own tasks.
      const tasks = await api(app, producer).get(apiIn(p, "/tasks"));
      const reports = await api(app, producer).get(apiIn(p, "/reports"));
      const byStatus = reports.body.tables.find((t: { id: string }) =>
        t.id === "tasks-by-status"
      );
      assert.equal(
        byStatus.rows.reduce(
          (n: number, r: { value: number }) => n + r.value,
          0,
        ),
        tasks.body.length,
        `${p.slug}: tasks in the report`,
      );
    }
    // The series holds only its own budget: one category.
    const { text } = await send(
      app,
      producer,
      "GET",
      apiIn(SERIES, "/reports/budget-by-section.csv"),
    );
    assert.ok(text.includes(series.allocated), text);
    const budget = await api(app, producer).get(apiIn(SERIES, "/budget"));
    assert.deepEqual(
      budget.body.categories.map((c: { id: string }) => c.id),
      [series.categoryId],
    );
    assert.equal(budget.body.currency, "GBP");
    // Teams: the film's people who are not on the series are not listed
    // there, and roles are each production's own.
    const team = async (p: DemoProduction) =>
      Object.fromEntries(
        (await api(app, producer).get(apiIn(p, "/users"))).body.map((
          u: { id: string; role: string },
        ) => [u.id, u.role]),
      );
    const ids = Object.fromEntries(
      Object.entries(people).map(([name, s]) => [s.id, name]),
    );
    const named = (roles: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(roles).map(([id, role]) => [ids[id], role]),
      );
    assert.deepEqual(named(await team(SERIES)), {
      producer: "producer",
      crew: "production_manager",
      vfx: "crew",
      saltfx: "vfx",
    });
    assert.deepEqual(named(await team(FILM)), {
      producer: "producer",
      prodmanager: "production_manager",
      director: "director",
      crew: "crew",
      vfx: "vfx",
      distribution: "distribution_manager",
      saltfx: "vfx",
    });
  }));

Deno.test("isolation - team: a member is changed or removed only in the production whose path names them", () =>
  withTwoProductions(async ({ app, people }) => {
    const producer = api(app, people.producer);
    const before = await storeFingerprint(app);
    // The director and the distribution manager are not on the series.
    for (const who of ["director", "distribution", "prodmanager"]) {
      const path = apiIn(SERIES, `/users/${people[who].id}`);
      assert.equal((await producer.patch(path, { role: "crew" })).status, 404);
      assert.equal((await producer.patch(path, { name: "X" })).status, 404);
      assert.equal((await producer.del(path)).status, 404, who);
    }
    assert.deepEqual(await storeFingerprint(app), before);
    // Crew is a production manager on the series: demoting them there
    // leaves them crew on the film, and removing them from the film
    // leaves them on the series.
    const demoted = await producer.patch(
      apiIn(SERIES, `/users/${people.crew.id}`),
      { role: "crew" },
    );
    assert.equal(demoted.status, 200);
    assert.equal(demoted.body.role, "crew");
    const removed = await producer.del(apiIn(FILM, `/users/${people.crew.id}`));
    assert.equal(removed.status, 204);
    const mine = await api(app, people.crew).get("/api/productions");
    assert.deepEqual(
      mine.body.map((p: { slug: string; role: string }) => [p.slug, p.role]),
      [[SERIES.slug, "crew"]],
    );
    assert.equal(
      (await api(app, people.crew).get(apiIn(FILM, "/tasks"))).status,
      404,
    );
    assert.equal(
      (await api(app, people.crew).get(apiIn(SERIES, "/tasks"))).status,
      200,
    );
  }));

/** Paths of a production's API, with the records of `r` where they name one. */
function apiProbes(r: Records): Probe[] {
  const lists: Probe[] = [
    ["GET", "/tasks"],
    ["POST", "/tasks", { title: "Sneak in" }],
    ["GET", "/budget"],
    ["GET", "/budget/expenses"],
    ["GET", "/budget/export.csv"],
    ["POST", "/budget/categories", {
      name: "Sneak",
      code: "9999",
      section: "below_the_line",
      allocatedCents: 1,
    }],
    ["GET", "/scripts"],
    ["GET", "/vfx/shots"],
    ["GET", "/assets"],
    ["POST", "/assets?name=sneak.pdf", "%PDF-1.4"],
    ["GET", "/announcements"],
    ["POST", "/announcements", { message: "Sneak", level: "info" }],
    ["GET", "/users"],
    ["POST", "/users", { username: "director", role: "producer" }],
    ["GET", "/reports"],
    ["GET", "/reports/tasks-by-status.csv"],
    ["GET", "/events?after=0000000000000000"],
    ["GET", "/status"],
  ].map(([method, path, body]) => ({
    method: method as string,
    path: path as string,
    body,
    who: "",
  }));
  return [...lists, ...probesOf(r)];
}

Deno.test("isolation - a non-member gets the same 404 as for a production that does not exist, for every path and page", () =>
  withTwoProductions(async ({ app, people, series }) => {
    const before = await storeFingerprint(app);
    for (const who of ["director", "distribution", "prodmanager"]) {
      for (const probe of apiProbes(series)) {
        const member = await send(
          app,
          people[who],
          probe.method,
          apiIn(SERIES, probe.path),
          probe.body,
        );
        const unknown = await send(
          app,
          people[who],
          probe.method,
          apiIn("no-such-production", probe.path),
          probe.body,
        );
        const what = `${who}: ${probe.method} ${apiIn(SERIES, probe.path)}`;
        assert.equal(member.status, 404, `${what}: ${member.text}`);
        assert.deepEqual(
          JSON.parse(member.text),
          JSON.parse(unknown.text),
          what,
        );
        assert.equal(unknown.status, 404, what);
      }
      // The studio-level doors into it: its card, its settings, its id.
      for (
        const [method, path, body] of [
          ["GET", `/api/productions/${SERIES.id}/summary`],
          ["PATCH", `/api/productions/${SERIES.id}`, { title: "Mine now" }],
        ] as const
      ) {
        const reply = await send(app, people[who], method, path, body);
        assert.equal(reply.status, 404, `${who}: ${method} ${path}`);
        const unknown = await send(
          app,
          people[who],
          method,
          path.replace(SERIES.id, "no-such-production"),
          body,
        );
        assert.deepEqual(JSON.parse(reply.text), JSON.parse(unknown.text));
      }
      const home = await send(app, people[who], "GET", "/api/home");
      assert.equal(home.status, 200);
      assert.ok(!home.text.includes(SERIES.title), `${who}'s home`);
      assert.ok(!home.text.includes(SERIES.id), `${who}'s home`);
      const mine = await api(app, people[who]).get("/api/productions");
      assert.deepEqual(
        mine.body.map((p: { slug: string }) => p.slug),
        [FILM.slug],
      );
    }
    assert.deepEqual(await storeFingerprint(app), before);

    // Pages: the 404 page, as for an address that does not exist.
    const { cookie } = await login(app, "director");
    const pages = [
      "",
      "/tasks",
      `/tasks/${series.taskId}`,
      "/budget",
      "/script",
      `/script/${series.scriptId}`,
      `/script/${series.scriptId}/scenes/${series.sceneId}`,
      `/script/${series.scriptId}/reports`,
      "/vfx",
      `/vfx/${series.shotId}`,
      "/assets",
      "/team",
      "/reports",
      "/status",
      "/settings",
      "/announcements",
    ];
    for (const path of pages) {
      for (const slug of [SERIES.slug, "no-such-production"]) {
        const page = await getPage(app, pageIn(slug, path), cookie);
        const what = `director: ${pageIn(slug, path)}`;
        assert.equal(page.status, 404, what);
        assert.match(page.html, /Page not found/, what);
        assert.ok(!page.html.includes(SERIES.title), what);
        assert.ok(!page.html.includes(series.mark), what);
      }
    }
  }));

Deno.test("isolation - a page of one production never shows a record of the other", () =>
  withTwoProductions(async ({ app, film, series }) => {
    const { cookie } = await login(app, "producer");
    for (const [mine, other] of [[film, SERIES], [series, FILM]] as const) {
      const pages = [
        `/tasks/${mine.taskId}`,
        `/script/${mine.scriptId}`,
        `/script/${mine.scriptId}/scenes/${mine.sceneId}`,
        `/script/${mine.scriptId}/reports`,
        `/vfx/${mine.shotId}`,
      ];
      for (const path of pages) {
        const page = await getPage(app, pageIn(other, path), cookie);
        assert.equal(page.status, 404, pageIn(other, path));
        assert.ok(!page.html.includes(mine.mark), pageIn(other, path));
        const own = await getPage(app, pageIn(mine.production, path), cookie);
        assert.equal(own.status, 200, pageIn(mine.production, path));
      }
      for (const path of ["", "/tasks", "/budget", "/script", "/vfx"]) {
        const page = await getPage(app, pageIn(other, path), cookie);
        assert.equal(page.status, 200, pageIn(other, path));
        assert.ok(!page.html.includes(mine.mark), pageIn(other, path));
      }
    }
  }));

Deno.test("isolation - roles are per production: crew runs the series' budget, vfx is crew on the series", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const cases: [string, DemoProduction, string, number][] = [
      ["crew", FILM, "/budget", 403],
      ["crew", SERIES, "/budget", 200],
      ["crew", FILM, "/budget/export.csv", 403],
      ["crew", SERIES, "/budget/export.csv", 200],
      ["crew", FILM, "/reports", 403],
      ["crew", SERIES, "/reports", 200],
      ["crew", FILM, "/status", 403],
      ["crew", SERIES, "/status", 200],
      ["vfx", FILM, "/vfx/shots", 200],
      ["vfx", SERIES, "/vfx/shots", 403],
      ["vfx", SERIES, "/budget", 403],
      ["producer", SERIES, "/vfx/shots", 200],
    ];
    for (const [who, p, path, status] of cases) {
      const reply = await send(app, s[who], "GET", apiIn(p, path));
      assert.equal(reply.status, status, `${who}: ${apiIn(p, path)}`);
      if (status === 403) {
        assert.equal(JSON.parse(reply.text).error.code, "forbidden");
      }
    }
    // The same on the pages.
    const pages: [string, DemoProduction, string, number][] = [
      ["crew", FILM, "/budget", 403],
      ["crew", SERIES, "/budget", 200],
      ["crew", SERIES, "/team", 200],
      ["vfx", FILM, "/vfx", 200],
      ["vfx", SERIES, "/vfx", 403],
    ];
    for (const [who, p, path, status] of pages) {
      const { cookie } = await login(app, who);
      const page = await getPage(app, pageIn(p, path), cookie);
      assert.equal(page.status, status, `${who}: ${pageIn(p, path)}`);
    }
    // Writes follow the role there: crew manages the series' tasks and
    // team, not the film's.
    const task = { title: "Wet-down for the pier", assigneeId: s.vfx.id };
    const crew = api(app, s.crew);
    assert.equal((await crew.post(apiIn(SERIES, "/tasks"), task)).status, 201);
    assert.equal((await crew.post(apiIn(FILM, "/tasks"), task)).status, 403);
    // And a task only the series' management sees: the vfx artist, crew
    // there, sees only the tasks assigned to them.
    const theirs = await api(app, s.vfx).get(apiIn(SERIES, "/tasks"));
    assert.equal(theirs.status, 200);
    assert.ok(theirs.body.length > 0);
    for (const t of theirs.body) assert.equal(t.assigneeId, s.vfx.id);
    const all = await crew.get(apiIn(SERIES, "/tasks"));
    assert.ok(all.body.length > theirs.body.length);
    // The list of one's productions says the role in each.
    for (
      const [who, roles] of [
        ["crew", [[FILM.slug, "crew"], [SERIES.slug, "production_manager"]]],
        ["vfx", [[FILM.slug, "vfx"], [SERIES.slug, "crew"]]],
        ["director", [[FILM.slug, "director"]]],
      ] as const
    ) {
      const mine = await api(app, s[who]).get("/api/productions");
      assert.deepEqual(
        mine.body.map((p: { slug: string; role: string }) => [p.slug, p.role]),
        roles,
        who,
      );
    }
  }));

/** A production's whole log, as stored. */
async function logOf(app: TestApp, p: DemoProduction): Promise<StoredEvent[]> {
  const page = await readEventsAfter(viewOf(app, p), "0000000000000000", 500);
  assert.ok(!page.resync);
  return page.resync ? [] : page.events;
}

Deno.test("isolation - an event cursor of one production never returns the other's events", () =>
  withTwoProductions(async ({ app, people, film, series }) => {
    // More events in the film than in the series, so the film's cursors
    // reach past the series' head too.
    for (let i = 0; i < 3; i++) {
      await created(
        api(app, people.producer).post(apiIn(FILM, "/announcements"), {
          message: `More ${film.mark} ${i}`,
        }),
      );
    }
    const logs = new Map([
      [FILM.id, await logOf(app, FILM)],
      [SERIES.id, await logOf(app, SERIES)],
    ]);
    assert.ok(logs.get(FILM.id)!.length > logs.get(SERIES.id)!.length);
    let seen = 0;
    for (const [mine, theirs] of [[film, series], [series, film]] as const) {
      const p = mine.production;
      const other = otherThan(p);
      const own = logs.get(p.id)!;
      const cursors = [
        "0000000000000000",
        ...logs.get(other.id)!.map((e) => e.id),
      ];
      for (const cursor of cursors) {
        const path = apiIn(p, `/events?after=${cursor}`);
        const reply = await send(app, people.producer, "GET", path);
        assert.equal(reply.status, 200, path);
        const body = JSON.parse(reply.text);
        assert.ok(!reply.text.includes(theirs.mark), path);
        for (const id of idsOf(theirs)) {
          assert.ok(!reply.text.includes(id), `${path}: ${id}`);
        }
        // Every event it returns is this production's event of that id.
        for (const event of body.events) {
          const stored = own.find((e) => e.id === event.id);
          assert.ok(stored, `${path}: ${event.id}`);
          assert.deepEqual(
            { type: event.type, data: event.data },
            { type: stored.type, data: stored.data },
            path,
          );
        }
        if (!body.resync) {
          assert.deepEqual(
            body.events.map((e: { id: string }) => e.id),
            // Every later event the producer may see: inbox items go to
            // their owners alone.
            own.filter((e) =>
              e.id > cursor &&
              (e.audience.roles.includes("producer") ||
                e.audience.users.includes(people.producer.id))
            ).map((e) => e.id),
            path,
          );
        }
        seen += body.events.length;
      }
    }
    assert.ok(seen > 0, "some cursors fall inside the other log");
    // A non-member finds nothing by cursor either.
    for (const event of logs.get(SERIES.id)!) {
      const reply = await send(
        app,
        people.distribution,
        "GET",
        apiIn(SERIES, `/events?after=${event.id}`),
      );
      assert.equal(reply.status, 404);
    }
  }));
