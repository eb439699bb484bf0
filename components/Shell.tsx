import type { ComponentChildren } from "preact";
import type { AnnouncementView } from "@/lib/announcements/shared.ts";
import { MAX_BANNERS } from "@/lib/announcements/shared.ts";
import type { SessionUser } from "@/lib/auth/session.ts";
import { navFor } from "@/lib/navigation.ts";
import { ROLE_LABELS } from "@/lib/roles.ts";
import ConnectionBanner from "@/islands/ConnectionBanner.tsx";
import ConnectionStatus from "@/islands/ConnectionStatus.tsx";
import NavToggle from "@/islands/NavToggle.tsx";
import Toasts from "@/islands/Toasts.tsx";
import UrgentBanners from "@/islands/UrgentBanners.tsx";

/**
 * The signed-in app's frame: a sidebar with the modules the role may open,
 * a top bar with the user, sign-out and the connection status, and above
 * every page the notices that concern all of it: a lost connection (changes
 * cannot be saved) and urgent announcements not yet dismissed.
 */
export function Shell(
  { user, path, banners = [], timeZone = "UTC", children }: {
    user: SessionUser;
    path: string;
    /**
     * Urgent announcements this user has not dismissed, newest first (the
     * error page leaves them out; live ones still arrive).
     */
    banners?: AnnouncementView[];
    /** The production's time zone, for the banners' times. */
    timeZone?: string;
    children: ComponentChildren;
  },
) {
  const current = (href: string) =>
    href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
  return (
    <div class="shell" id="shell">
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <NavToggle />
        <a class="brand" href="/">ProdSight</a>
        <div class="topbar-status" id="connection-status">
          <ConnectionStatus />
        </div>
        <div class="topbar-user">
          <span class="user-name">{user.name}</span>
          <span class="role-badge">{ROLE_LABELS[user.role]}</span>
          <form method="post" action="/logout">
            <button type="submit" class="button button-quiet">Sign out</button>
          </form>
        </div>
      </header>
      <nav class="sidebar" id="sidebar" aria-label="Modules">
        <ul>
          {navFor(user.role).map((item) => (
            <li key={item.href}>
              <a
                href={item.href}
                aria-current={current(item.href) ? "page" : undefined}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="content" tabIndex={-1}>
        <ConnectionBanner path={path} />
        <UrgentBanners
          initial={banners}
          timeZone={timeZone}
          path={path}
          max={MAX_BANNERS}
        />
        {children}
      </main>
      <Toasts />
    </div>
  );
}
