import { Shell } from "@/components/Shell.tsx";
import { ProductionSlug } from "@/components/production_path.ts";
import { bannerAnnouncements } from "@/lib/announcements/service.ts";
import { unreadCount } from "@/lib/inbox/service.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { listProductions } from "@/lib/production/service.ts";
import { studioContextOf } from "@/server/studio_context.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export default define.layout(
  async function AppLayout({ Component, state, url }) {
    const user = state.user!;
    const production = state.production!;
    // Urgent announcements are on every page until dismissed: one bounded
    // KV list per page (see lib/announcements/service.ts). The switcher's
    // list of productions is one more list and one getMany per ten; the
    // inbox badge one count of the member's unread keys.
    const cx = serviceContextOf({ state });
    const [banners, memberships, unread] = await Promise.all([
      bannerAnnouncements(cx),
      listProductions(studioContextOf({ state })),
      unreadCount(cx),
    ]);
    // Links written production-relative (`/tasks/t1`) resolve in this
    // production, in every component the page renders.
    return (
      <ProductionSlug.Provider value={production.slug}>
        <Shell
          user={user}
          path={url.pathname}
          production={{ title: production.title, slug: production.slug }}
          productions={memberships.map((p) => ({
            title: p.title,
            slug: p.slug,
          }))}
          banners={banners}
          unread={unread}
          timeZone={timeZoneOf(state.production)}
        >
          {production.archived && (
            <p class="notice notice-archived" role="status" data-archived>
              {production.title}{" "}
              is archived: you can read everything here, and nothing can be
              changed.
            </p>
          )}
          <Component />
        </Shell>
      </ProductionSlug.Provider>
    );
  },
);
