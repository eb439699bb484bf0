import { Shell } from "@/components/Shell.tsx";
import { toView } from "@/lib/announcements/announcements.ts";
import { bannerAnnouncements } from "@/lib/announcements/dismissals.ts";
import { timeZoneOf } from "@/lib/production.ts";
import { define } from "@/server/state.ts";

export default define.layout(
  async function AppLayout({ Component, state, url }) {
    const user = state.user!;
    // Urgent announcements are on every page until dismissed: one bounded
    // KV list per page (see lib/announcements/dismissals.ts).
    const banners = await bannerAnnouncements(state.services.kv, user.id);
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
