import { can, canOpen, type Module } from "./policy.ts";
import type { Role } from "./roles.ts";

/** A page in the sidebar. */
export interface NavItem {
  href: string;
  label: string;
  /** The module whose read rule gates the page; null: every signed-in user. */
  module: Module | null;
  /**
   * Listed only for roles that may also write the module: a page everyone
   * may read but only some change (the production's settings) is in the
   * sidebar of those who change it.
   */
  forWriters?: true;
}

/** Every page of the shell, in sidebar order; `module` gates it by policy. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Dashboard", module: null },
  { href: "/inbox", label: "Inbox", module: null },
  { href: "/tasks", label: "Tasks", module: "tasks" },
  { href: "/budget", label: "Budget", module: "budget" },
  { href: "/script", label: "Script", module: "script" },
  // The breakdown's elements are the script module's (read by its readers).
  { href: "/elements", label: "Elements", module: "script" },
  { href: "/schedule", label: "Schedule", module: "schedule" },
  { href: "/callsheets", label: "Call sheets", module: "callsheets" },
  // Flags from script revisions can land on anyone's records (a task, a
  // file): every member has the page; each sees only their records' flags.
  { href: "/ripple", label: "Script changes", module: null },
  { href: "/vfx", label: "VFX", module: "vfx" },
  { href: "/assets", label: "Assets", module: "assets" },
  { href: "/team", label: "Team", module: "team" },
  { href: "/reports", label: "Reports", module: "reports" },
  { href: "/status", label: "Status", module: "status" },
  {
    href: "/settings",
    label: "Settings",
    module: "production",
    forWriters: true,
  },
];

/** Whether the sidebar lists `item` for `role` (DESIGN §3). */
export function listedFor(item: NavItem, role: Role): boolean {
  if (item.module === null) return true;
  if (item.forWriters) {
    // A module without a "write" action is a deny (policy.ts).
    return can({ id: "", role }, item.module, "write");
  }
  return canOpen(role, item.module);
}

/** The sidebar entries a role may open (DESIGN §3). */
export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => listedFor(item, role));
}

/**
 * A safe place to go back to after login: `next` resolved against the app's
 * own `origin` the way a browser would (tabs and newlines dropped, `\` read
 * as `/`), kept only when it stays on that origin, and re-serialised as a
 * percent-encoded path, so it is always a valid `Location` on this site.
 *
 * @example
 * ```ts
 * safeNext("/tasks?x=1", "https://app.example"); // "/tasks?x=1"
 * safeNext("/\t/evil.example", "https://app.example"); // "/"
 * ```
 */
export function safeNext(
  next: string | null | undefined,
  origin: string,
): string {
  if (next == null || next === "" || !URL.canParse(next, origin)) return "/";
  const url = new URL(next, origin);
  if (url.origin !== origin) return "/";
  // `/.//evil` resolves to the path `//evil`, which reads as a host.
  const path = url.pathname.replace(/^\/{2,}/, "/");
  return path + url.search + url.hash;
}
