/**
 * The sign-in page as an attacker sees it: where `next` may send a user
 * after sign-in, and who may post the form.
 */
import assert from "node:assert/strict";
import { formRequest } from "./helpers/pages.ts";
import { ORIGIN, withApp } from "./helpers/test_app.ts";

const signIn = (next: string, headers: HeadersInit = {}) =>
  formRequest({ username: "crew", password: "password123", next }, headers);

/** Where a browser at ORIGIN goes when it follows `location`. */
const destination = (location: string) => new URL(location, ORIGIN);

Deno.test("login - next with tabs, newlines or other hosts never leaves the site", () =>
  withApp(async (app) => {
    for (
      const next of [
        "/\t/evil.com",
        "/\n/evil.com",
        "/\r\n/evil.com",
        "\t//evil.com",
        "/\\\t/evil.com",
        "/.//evil.com",
        "/./\\evil.com",
        "http://evil.com/",
        "http:/\\evil.com",
        "javascript:alert(1)",
      ]
    ) {
      const res = await app.fetch("/login", signIn(next));
      assert.equal(res.status, 303, JSON.stringify(next));
      const location = res.headers.get("location")!;
      assert.equal(
        destination(location).origin,
        ORIGIN,
        `${JSON.stringify(next)} → ${location}`,
      );
      assert.doesNotMatch(location, /^[\\/]{2}/, JSON.stringify(next));
    }
  }));

Deno.test("login - GET /login?next=/%09/evil.com does not carry the tab into the form", () =>
  withApp(async (app) => {
    const res = await app.fetch("/login?next=/%09/evil.com");
    assert.equal(res.status, 200);
    const html = await res.text();
    const next = html.match(/name="next" value="([^"]*)"/)![1];
    assert.equal(destination(next).origin, ORIGIN, next);
  }));

Deno.test("login - next with odd characters is kept on the site, never a 500", () =>
  withApp(async (app) => {
    for (
      const [next, want] of [
        ["/t\u00e2ches?x=\u2713", "/t%C3%A2ches?x=%E2%9C%93"],
        ["/tasks\ud800", "/tasks%EF%BF%BD"],
        ["/tasks?a=\n1", "/tasks?a=1"],
        ["/tasks#top", "/tasks#top"],
        [`${ORIGIN}/budget`, "/budget"],
      ]
    ) {
      const res = await app.fetch("/login", signIn(next));
      assert.equal(res.status, 303, JSON.stringify(next));
      assert.equal(res.headers.get("location"), want, JSON.stringify(next));
    }
  }));

Deno.test("login - the pages' ?next= round trip keeps an odd path on the site", () =>
  withApp(async (app) => {
    const path = "/p/northern-lights/team?q=t%C3%A2che%09x&r=%0A/evil.com";
    const away = await app.fetch(path);
    assert.equal(away.status, 303);
    const login = destination(away.headers.get("location")!);
    assert.equal(login.pathname, "/login");
    const next = login.searchParams.get("next")!;
    assert.equal(next, path);
    const res = await app.fetch("/login", signIn(next));
    assert.equal(res.headers.get("location"), path);
  }));

Deno.test("login CSRF - a form on another site cannot sign the victim in", () =>
  withApp(async (app) => {
    const forged: [string, HeadersInit][] = [
      ["foreign Origin", { origin: "https://evil.example" }],
      ["cross-site", {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      }],
      ["same-site", {
        origin: "http://sub.localhost",
        "sec-fetch-site": "same-site",
      }],
      ["Origin null (sandboxed frame)", { origin: "null" }],
    ];
    for (const [name, headers] of forged) {
      const res = await app.fetch("/login", signIn("/", headers));
      assert.equal(res.status, 403, name);
      assert.deepEqual(res.headers.getSetCookie(), [], name);
      assert.match(res.headers.get("content-type")!, /^text\/html/, name);
      assert.match(await res.text(), /This form came from another site/);
    }
    // An old browser that sends no Origin and no fetch metadata.
    const silent = await app.fetch("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "username=crew&password=password123&next=%2F",
    });
    assert.equal(silent.status, 403);
    assert.deepEqual(silent.headers.getSetCookie(), []);
    await silent.body?.cancel();
    // The app's own form still works, by Origin or by fetch metadata.
    const own = await app.fetch("/login", signIn("/"));
    assert.equal(own.status, 303);
    assert.equal(own.headers.getSetCookie().length, 2);
    const metadata = await app.fetch("/login", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "same-origin",
      },
      body: "username=crew&password=password123&next=%2F",
    });
    assert.equal(metadata.status, 303);
  }));
