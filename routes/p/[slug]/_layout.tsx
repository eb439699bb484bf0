import { Shell } from "@/components/Shell.tsx";
import { bannerAnnouncements } from "@/lib/announcements/service.ts";
import { toView } from "@/lib/announcements/store.ts";
import { serviceContext } from "@/lib/service.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { define } from "@/server/state.ts";

export default define.layout(
  async function AppLayout({ Component, state, url }) {
    const user = state.user!;
    // Urgent announcements are on every page until dismissed: one bounded
    // KV list per page (see lib/announcements/service.ts).
    const banners = await bannerAnnouncements(
      serviceContext(state.kv, user),
    );
    return (
      <Shell
        user={user}
        path={url.pathname}
        banners={banners.map(toView)}
        timeZone={timeZoneOf(state.production)}
      >
        <Component />
      </Shell>
    );
  },
);
