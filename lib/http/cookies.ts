/** Attributes of a cookie we set. */
export interface CookieOptions {
  maxAge?: number;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "Strict" | "Lax";
}

/** Parses the `Cookie` header into a name → value map (first one wins). */
export function getCookies(headers: Headers): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name !== "" && !cookies.has(name)) {
      cookies.set(name, part.slice(eq + 1).trim());
    }
  }
  return cookies;
}

/** Appends a `Set-Cookie` header. Values must be cookie-safe already. */
export function setCookie(
  headers: Headers,
  name: string,
  value: string,
  options: CookieOptions = {},
): void {
  const parts = [`${name}=${value}`, `Path=${options.path ?? "/"}`];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  if (options.sameSite) parts.push(`SameSite=${options.sameSite}`);
  headers.append("Set-Cookie", parts.join("; "));
}

/** Appends a `Set-Cookie` that deletes the cookie. */
export function deleteCookie(
  headers: Headers,
  name: string,
  options: CookieOptions = {},
): void {
  setCookie(headers, name, "", { ...options, maxAge: 0 });
}
