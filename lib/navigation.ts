import { canOpen, type Module } from "./policy.ts";
import { MANAGEMENT, type Role } from "./roles.ts";

/** A page in the sidebar. */
export interface NavItem {
  href: string;
  label: string;
  /** The module whose read rule gates the page, if any. */
  module: Module | null;
  /** Roles allowed when the page is not a module (e.g. status). */
  roles?: readonly Role[];
}

/** The production office: who watches the system's health. */
export const STATUS_ROLES: readonly Role[] = ["producer", "production_manager"];

/** Every page of the shell, in sidebar order; `module` gates it by policy. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Dashboard", module: null },
  { href: "/tasks", label: "Tasks", module: "tasks" },
  { href: "/budget", label: "Budget", module: "budget" },
  { href: "/script", label: "Script", module: "script" },
  { href: "/vfx", label: "VFX", module: "vfx" },
  { href: "/assets", label: "Assets", module: "assets" },
  { href: "/team", label: "Team", module: "team" },
  { href: "/reports", label: "Reports", module: null, roles: MANAGEMENT },
  { href: "/status", label: "Status", module: null, roles: STATUS_ROLES },
];

/** The sidebar entries a role may open (DESIGN §3). */
export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) =>
    item.module !== null
      ? canOpen(role, item.module)
      : item.roles === undefined || item.roles.includes(role)
  );
}

/**
 * A safe place to go back to after login: a local path only, never
 * `//host` or `/\host`, which browsers treat as another site.
 */
export function safeNext(next: string | null | undefined): string {
  if (next == null || !next.startsWith("/") || /^[/\\]{2}|^\/\\/.test(next)) {
    return "/";
  }
  return next;
}
