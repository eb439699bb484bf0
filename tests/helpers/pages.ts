/**
 * Server-rendered pages as a signed-in browser gets them, without a
 * browser: GET a page with the session cookie, post a form from the app's
 * own origin, and the few regex queries page tests read HTML with.
 *
 * @example
 * ```ts
 * const { cookie } = await login(app, "producer");
 * const { status, html } = await getPage(app, "/budget", cookie);
 * const res = await postForm(app, "/budget", { intent: "delete", id }, cookie);
 * ```
 *
 * @module
 */
import assert from "node:assert/strict";
import { login, ORIGIN, type TestApp } from "./test_app.ts";

/** A rendered page: its status, its HTML and the response (for headers). */
export interface RenderedPage {
  status: number;
  html: string;
  res: Response;
}

/** GETs `path` with the session `cookie`, as a signed-in browser does. */
export async function getPage(
  app: TestApp,
  path: string,
  cookie: string,
): Promise<RenderedPage> {
  const res = await app.fetch(path, { headers: { cookie } });
  return { status: res.status, html: await res.text(), res };
}

/** The HTML of `path`, asserting it answered 200 (one assertion). */
export async function pageHtml(
  app: TestApp,
  path: string,
  cookie: string,
): Promise<string> {
  const { status, html } = await getPage(app, path, cookie);
  assert.equal(status, 200, path);
  return html;
}

/** Signs `username` in and GETs `path` as them; their cookie comes along. */
export async function pageAs(
  app: TestApp,
  username: string,
  path: string,
): Promise<RenderedPage & { cookie: string }> {
  const { cookie } = await login(app, username);
  return { ...await getPage(app, path, cookie), cookie };
}

/**
 * The request of a form posted from a page of the app: urlencoded
 * `fields`, `headers` added, the app's origin unless `headers` names one.
 */
export function formRequest(
  fields: Record<string, string>,
  headers: HeadersInit = {},
): RequestInit {
  const h = new Headers(headers);
  h.set("content-type", "application/x-www-form-urlencoded");
  if (!h.has("origin")) h.set("origin", ORIGIN);
  return {
    method: "POST",
    headers: h,
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  };
}

/** Posts `fields` to `path` as a form of the app, signed in with `cookie`. */
export function postForm(
  app: TestApp,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<Response> {
  return app.fetch(path, formRequest(fields, cookie ? { cookie } : {}));
}

/** The HTML with every script removed (islands' props live in one). */
export function withoutScripts(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/g, "");
}

/** The page's sidebar navigation. */
export function sidebar(html: string): string {
  return html.match(/<nav class="sidebar"[\s\S]*?<\/nav>/)![0];
}

/** A page's visible text: scripts, styles and tags removed, spaces collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;|&#160;/g, " ")
    .replace(/\s+/g, " ");
}
