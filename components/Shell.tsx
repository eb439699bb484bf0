import type { ComponentChildren } from "preact";
import type { AnnouncementView } from "@/lib/announcements/shared.ts";
import { MAX_BANNERS } from "@/lib/announcements/shared.ts";
import type { SessionAccount, SessionUser } from "@/lib/auth/session.ts";
import { navFor } from "@/lib/navigation.ts";
import { withinProduction } from "@/lib/production/paths.ts";
import { ROLE_LABELS } from "@/lib/roles.ts";
import ConnectionBanner from "@/islands/ConnectionBanner.tsx";
import ConnectionStatus from "@/islands/ConnectionStatus.tsx";
import InboxBadge from "@/islands/InboxBadge.tsx";
import NavToggle from "@/islands/NavToggle.tsx";
import ProductionSwitcher, {
  type ProductionLink,
} from "@/islands/ProductionSwitcher.tsx";
import Toasts from "@/islands/Toasts.tsx";
import UrgentBanners from "@/islands/UrgentBanners.tsx";
import { useHref } from "./production_path.ts";

export type { ProductionLink };

/**
 * The signed-in app's frame: a top bar with the production the page shows
 * (and a switch to the user's others), the user, sign-out and the
 * connection status; inside a production a sidebar with the modules the
 * role may open; and above every page the notices that concern all of it:
 * a lost connection (changes cannot be saved) and urgent announcements not
 * yet dismissed. Outside a production (the home page, an error page) `user`
 * is the account: no role, no modules. Module links are production-relative
 * and mapped with `useHref()`, so render it inside the production's
 * `ProductionSlug` provider.
 */
export function Shell(
  {
    user,
    path,
    production = null,
    productions = [],
    banners = [],
    unread = null,
    timeZone = "UTC",
    children,
  }: {
    /** The member inside a production, the account outside one. */
    user: SessionUser | SessionAccount;
    /** The page's address (its pathname). */
    path: string;
    /** The production the page shows, if any. */
    production?: ProductionLink | null;
    /** The user's productions, for the switcher (the current one included). */
    productions?: ProductionLink[];
    /**
     * Urgent announcements this user has not dismissed, newest first (the
     * error page leaves them out; live ones still arrive).
     */
    banners?: AnnouncementView[];
    /** The member's unread inbox items; null outside a production. */
    unread?: number | null;
    /** The production's time zone, for the banners' times. */
    timeZone?: string;
    children: ComponentChildren;
  },
) {
  const href = useHref();
  const role = "role" in user ? user.role : null;
  const nav = role === null ? [] : navFor(role);
  // Nav items are production-relative; so is the page's place among them.
  const here = withinProduction(path);
  const current = (item: string) =>
    item === "/" ? here === "/" : here === item || here.startsWith(`${item}/`);
  return (
    <div
      class={nav.length > 0 ? "shell" : "shell shell-studio"}
      id="shell"
      data-production={production?.slug}
    >
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        {nav.length > 0 && <NavToggle />}
        <a class="brand" href="/">ProdSight</a>
        {production !== null && (
          <ProductionSwitcher
            current={production}
            productions={productions.length > 0 ? productions : [production]}
            admin={user.admin}
          />
        )}
        <div class="topbar-status" id="connection-status">
          <ConnectionStatus />
        </div>
        {production !== null && unread !== null && (
          <div class="topbar-inbox">
            <InboxBadge count={unread} />
          </div>
        )}
        <div class="topbar-user">
          <span class="user-name">{user.name}</span>
          {role !== null && <span class="role-badge">{ROLE_LABELS[role]}</span>}
          <form method="post" action="/logout">
            <button type="submit" class="button button-quiet">Sign out</button>
          </form>
        </div>
      </header>
      {nav.length > 0 && (
        <nav class="sidebar" id="sidebar" aria-label="Modules">
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <a
                  href={href(item.href)}
                  aria-current={current(item.href) ? "page" : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" class="content" tabIndex={-1}>
        <ConnectionBanner path={path} />
        {production !== null && (
          <UrgentBanners
            initial={banners}
            timeZone={timeZone}
            path={path}
            max={MAX_BANNERS}
          />
        )}
        {children}
      </main>
      <Toasts />
    </div>
  );
}
