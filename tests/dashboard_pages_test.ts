/**
 * The dashboard, the shell's urgent banners and /status as served HTML:
 * who did what in recent activity (with links only to what the viewer may
 * open), urgent announcements on every page until dismissed, spacing of
 * "·" lists, and every date and time in the production's zone, 24-hour.
 */
import assert from "node:assert/strict";
import { formatTime } from "@/lib/format.ts";
import { api, type Sessions, sessions } from "./helpers/api_client.ts";
import { pageHtml, postForm } from "./helpers/pages.ts";
import { login, type TestApp, withModuleData } from "./helpers/test_app.ts";

const ZONE = "Europe/Oslo"; // the demo production's
/** The demo feature film's dashboard. */
const DASHBOARD = "/p/northern-lights";

/** Tags out, entities of the kind we render decoded, spaces collapsed. */
function text(fragment: string): string {
  return fragment.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ").trim();
}

/** The activity feed's lines: their words, links and shown times. */
function activity(page: string) {
  const list = page.match(/<ol class="activity">([\s\S]*?)<\/ol>/)?.[1];
  assert.ok(list, "the activity list is rendered");
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, li]) => ({
    line: text(li.replace(/<time[\s\S]*?<\/time>/, "")),
    href: li.match(/<a href="([^"]+)"/)?.[1].replace(/&amp;/g, "&") ?? null,
    time: text(li.match(/<time[^>]*>([\s\S]*?)<\/time>/)?.[1] ?? ""),
    ts: Date.parse(li.match(/dateTime="([^"]+)"/i)?.[1] ?? ""),
  }));
}

const PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

/** One change of every kind, each through the API as a real user. */
async function crewDay(app: TestApp, s: Sessions) {
  const task = await api(app, s.producer).post("/api/tasks", {
    title: "Lock the call sheet for day 12",
    assigneeId: s.crew.id,
  });
  assert.equal(task.status, 201);
  const moved = await api(app, s.crew).patch(`/api/tasks/${task.body.id}`, {
    status: "in_progress",
  });
  assert.equal(moved.status, 200);
  const upload = await app.fetch(
    "/api/assets?name=storyboard_12.png&category=storyboard",
    {
      method: "POST",
      headers: {
        authorization: `Bearer ${s.vfx.token}`,
        "content-type": "image/png",
      },
      body: PNG,
    },
  );
  assert.equal(upload.status, 201);
  await upload.body?.cancel();
  const scripts = await api(app, s.director).get("/api/scripts");
  const scriptId = scripts.body[0]?.id ?? scripts.body.scripts?.[0]?.id;
  const script = await api(app, s.director).get(`/api/scripts/${scriptId}`);
  const scene = script.body.scenes.find((sc: { status: string }) =>
    sc.status === "broken_down"
  );
  const approved = await api(app, s.director).patch(
    `/api/scripts/${scriptId}/scenes/${scene.id}`,
    { status: "approved" },
  );
  assert.equal(approved.status, 200);
  const budget = await api(app, s.prodmanager).get("/api/budget");
  const category = budget.body.categories[0];
  const expense = await api(app, s.prodmanager).post("/api/budget/expenses", {
    categoryId: category.id,
    amountCents: 125_000,
    description: "Generator hire",
    date: "2027-02-03",
  });
  assert.equal(expense.status, 201);
  return { task: task.body, scriptId, scene, category };
}

Deno.test("dashboard - recent activity says who did what to which record, linked when the viewer may open it", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const { task, scriptId, scene, category } = await crewDay(app, s);
    const sceneName = scene.number
      ? `scene ${scene.number}`
      : `scene ${scene.index + 1}`;

    const producer = activity(
      await pageHtml(app, DASHBOARD, (await login(app, "producer")).cookie),
    );
    const lines = producer.map((l) => l.line);
    assert.ok(
      !lines.some((l) => /\b(script|asset) update\b/.test(l)),
      lines.join("\n"),
    );
    const find = (re: RegExp) => {
      const found = producer.find((l) => re.test(l.line));
      assert.ok(found, `${re} in:\n${lines.join("\n")}`);
      return found;
    };
    const approval = find(/^Dana Kowalski approved the breakdown of scene /);
    assert.equal(
      approval.href,
      `/p/northern-lights/script/${scriptId}/scenes/${scene.id}`,
    );
    assert.ok(approval.line.endsWith(sceneName), approval.line);
    assert.equal(
      find(/^Ines Moreau uploaded storyboard_12\.png$/).href,
      "/p/northern-lights/assets?category=storyboard",
    );
    assert.equal(
      find(/^Marcus Obi recorded €1,250\.00 in /).href,
      `/p/northern-lights/budget#cat-${category.id}`,
    );
    assert.equal(
      find(
        /^Sam Lindqvist moved “Lock the call sheet for day 12” to In progress$/,
      )
        .href,
      `/p/northern-lights/tasks/${task.id}`,
    );
    assert.equal(
      find(/^You created the task “Lock the call sheet for day 12”$/).href,
      `/p/northern-lights/tasks/${task.id}`,
    );
    // Times: 24-hour, in the production's zone.
    for (const l of producer) {
      assert.match(l.time, /^\d{2}:\d{2}$/);
      assert.equal(l.time, formatTime(l.ts, ZONE));
    }

    // The crew member sees their own task and the files, not the budget.
    const crew = activity(
      await pageHtml(app, DASHBOARD, (await login(app, "crew")).cookie),
    ).map((l) => l.line);
    assert.ok(
      crew.includes(
        "You moved “Lock the call sheet for day 12” to In progress",
      ),
      crew.join("\n"),
    );
    assert.ok(crew.includes("Ines Moreau uploaded storyboard_12.png"));
    assert.ok(!crew.some((l) => /recorded|budget/.test(l)), crew.join("\n"));
  }));

Deno.test("dashboard - '·' in lists has a space before it, and the shoot dates use the product format", () =>
  withModuleData(async (app) => {
    for (const user of ["producer", "crew", "vfx"]) {
      const page = await pageHtml(
        app,
        DASHBOARD,
        (await login(app, user)).cookie,
      );
      const main = text(page.match(/<main[\s\S]*<\/main>/)![0]);
      assert.doesNotMatch(main, /\S·/, user);
      assert.match(main, /Open (the board|my tasks)/);
    }
    const page = await pageHtml(
      app,
      DASHBOARD,
      (await login(app, "director")).cookie,
    );
    assert.match(
      text(page),
      /Northern Lights · Aurora Pictures · Feature film · shoot 1 Feb 2027 – 30 Apr 2027/,
    );
  }));

Deno.test("shell - an urgent announcement is a banner on every page for everyone until each dismisses it", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    const sent = await api(app, s.prodmanager).post("/api/announcements", {
      message: "Storm warning: exteriors cancelled Thursday",
      level: "urgent",
    });
    await api(app, s.producer).post("/api/announcements", {
      message: "Lunch at one",
      level: "info",
    });
    const banner = /<section class="urgent-banner"[\s\S]*?<\/section>/;
    const cookies: Record<string, string> = {};
    for (const user of Object.keys(s)) {
      cookies[user] = (await login(app, user)).cookie;
      for (const path of [DASHBOARD, "/team", "/tasks", "/announcements"]) {
        const found = (await pageHtml(app, path, cookies[user])).match(banner);
        assert.ok(found, `${user} ${path}`);
        assert.match(text(found[0]), /Urgent Marcus Obi · \d{2}:\d{2}/);
        assert.match(found[0], /Storm warning: exteriors cancelled Thursday/);
        // Its Dismiss posts to this production's announcements page.
        assert.match(
          found[0],
          /<form method="post" action="\/p\/northern-lights\/announcements"/,
        );
      }
      // Info announcements are listed, never bannered.
      const home = await pageHtml(app, DASHBOARD, cookies[user]);
      assert.equal(home.match(/class="urgent-banner"/g)?.length, 1);
      assert.match(
        text(home.match(/<ol class="announcements">[\s\S]*?<\/ol>/)![0]),
        /^Paula Reyes · \d\d:\d\d\s*Lunch at one\s*Urgent Marcus Obi · \d\d:\d\d\s*Storm warning/,
      );
    }
    // Dismissed without JavaScript: the form posts, then back to the page.
    const dismissed = await postForm(app, "/announcements", {
      intent: "dismiss",
      id: sent.body.id,
      next: "/p/northern-lights/team",
    }, cookies.crew);
    assert.equal(dismissed.status, 303);
    assert.equal(
      dismissed.headers.get("location"),
      "/p/northern-lights/team",
    );
    assert.doesNotMatch(await pageHtml(app, "/team", cookies.crew), banner);
    // Still listed for them; still a banner for everyone else.
    assert.match(
      await pageHtml(app, "/announcements", cookies.crew),
      /Storm warning: exteriors cancelled Thursday/,
    );
    assert.match(await pageHtml(app, "/team", cookies.vfx), banner);
  }));

Deno.test("shell - a bad dismissal is a clear error and changes nothing", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    await api(app, s.producer).post("/api/announcements", {
      message: "Rain cover needed",
      level: "urgent",
    });
    const { cookie } = await login(app, "crew");
    const post = (fields: Record<string, string>) =>
      postForm(app, "/announcements", fields, cookie);
    const unknown = await post({ intent: "dismiss", id: "nope", next: "/" });
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /role="alert">No such announcement/);
    const empty = await post({ intent: "dismiss", id: "", next: "/" });
    assert.equal(empty.status, 400);
    await empty.body?.cancel();
    const odd = await post({ intent: "delete", id: "x" });
    assert.equal(odd.status, 400);
    await odd.body?.cancel();
    // A next that leaves the site goes home instead.
    const list = await api(app, s.crew).get("/api/announcements");
    const away = await post({
      intent: "dismiss",
      id: list.body.banners[0].id,
      next: "https://evil.example/",
    });
    assert.equal(away.status, 303);
    assert.equal(away.headers.get("location"), "/");
  }));

Deno.test("dashboard - the announce form sends an urgent banner to everyone", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "producer");
    const res = await postForm(app, DASHBOARD, {
      message: "Call time 06:30",
      level: "urgent",
    }, cookie);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `${DASHBOARD}?announced`);
    const crew = (await login(app, "crew")).cookie;
    assert.match(
      await pageHtml(app, "/team", crew),
      /class="urgent-banner"[\s\S]*Call time 06:30/,
    );
  }));

Deno.test("status - the refresh time is 24-hour, in the production's zone", () =>
  withModuleData(async (app) => {
    const { cookie } = await login(app, "producer");
    const before = Date.now();
    const page = await pageHtml(app, "/status", cookie);
    const shown = page.match(/updated\s*<time datetime="([^"]+)">([^<]+)</i);
    assert.ok(shown, "the refresh time is rendered");
    const [, iso, time] = shown;
    assert.match(time, /^\d{2}:\d{2}:\d{2}$/);
    assert.doesNotMatch(page, /\d (AM|PM)\b/);
    assert.ok(Date.parse(iso) >= before - 1000);
    assert.equal(time, formatTime(iso, ZONE, { seconds: true }));
  }));

Deno.test("dashboard - every link and form of the page stays in its production", () =>
  withModuleData(async (app) => {
    const s = await sessions(app);
    await crewDay(app, s);
    for (const user of Object.keys(s)) {
      const page = await pageHtml(
        app,
        DASHBOARD,
        (await login(app, user)).cookie,
      );
      const main = page.match(/<main[\s\S]*<\/main>/)![0]
        .replace(/<script\b[\s\S]*?<\/script>/g, "");
      const targets = [...main.matchAll(/ (?:href|action)="(\/[^"]*)"/g)]
        .map((m) => m[1]);
      assert.ok(targets.length > 3, `${user}: ${targets.length} links`);
      for (const target of targets) {
        assert.match(target, /^\/(api\/)?p\/northern-lights(?=[/?#]|$)/, user);
      }
    }
  }));
