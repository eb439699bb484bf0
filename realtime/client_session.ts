/**
 * What the browser's realtime client asks of the session over HTTP, with
 * the `fetch` it was given (tests pass their own): renewing the access
 * token, and telling a refused handshake from an ended session. Also where
 * the tab's socket lives.
 *
 * @module
 */
import { slugOfPath } from "@/lib/production/paths.ts";

/** A renewed session: the new access token and when it expires. */
export interface RenewedSession {
  token: string;
  expiresAt: number;
}

/** Renews the session from the refresh cookie; null when it cannot. */
export async function refreshSession(
  fetch: typeof globalThis.fetch,
): Promise<RenewedSession | null> {
  try {
    const res = await fetch("/api/auth/refresh", {
      method: "POST",
      credentials: "same-origin",
    });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

/**
 * After a failed handshake: is the session still good (or renewable)? An
 * unreachable server says nothing against it, so the client keeps trying.
 */
export async function sessionAlive(
  fetch: typeof globalThis.fetch,
): Promise<boolean> {
  try {
    const res = await fetch("/api/auth/me", { credentials: "same-origin" });
    if (res.ok) return true;
    if (res.status !== 401) return true;
  } catch {
    // Server unreachable: keep retrying; the session may be fine.
    return true;
  }
  return await refreshSession(fetch) !== null;
}

/**
 * The socket of the page's production (DESIGN §5); outside a production
 * (the home page), the home socket.
 */
export function defaultSocketUrl(): string {
  if (typeof location === "undefined") return "ws://localhost/api/ws";
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  // The production the page was drawn in (the shell says), not the one
  // its address names: a 404 for an unknown production is drawn in none.
  const shell = typeof document === "undefined"
    ? null
    : document.getElementById("shell");
  const slug = shell === null
    ? slugOfPath(location.pathname)
    : shell.dataset.production ?? null;
  const query = slug === null ? "?scope=home" : `?production=${slug}`;
  return `${scheme}//${location.host}/api/ws${query}`;
}
