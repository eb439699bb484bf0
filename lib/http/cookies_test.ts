import assert from "node:assert/strict";
import { deleteCookie, getCookies, setCookie } from "./cookies.ts";

Deno.test("getCookies - parses pairs, first one wins", () => {
  const headers = new Headers({ cookie: "a=1; b=two=2; a=3; junk; =x" });
  assert.deepEqual([...getCookies(headers)], [["a", "1"], ["b", "two=2"]]);
});

Deno.test("setCookie - writes the attributes", () => {
  const headers = new Headers();
  setCookie(headers, "s", "v", {
    maxAge: 60,
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
  });
  deleteCookie(headers, "old");
  assert.deepEqual(headers.getSetCookie(), [
    "s=v; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Lax",
    "old=; Path=/; Max-Age=0",
  ]);
});
