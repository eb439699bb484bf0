import { page } from "fresh";
import AnnouncementList from "@/islands/AnnouncementList.tsx";
import { IdSchema } from "@/lib/announcements/schemas.ts";
import {
  dismissAnnouncement,
  recentAnnouncements,
} from "@/lib/announcements/service.ts";
import type { ServiceContext } from "@/lib/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { readForm } from "@/lib/http/body.ts";
import { ApiError, toApiError } from "@/lib/http/errors.ts";
import { safeNext } from "@/lib/navigation.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { define } from "@/server/state.ts";

/** How many announcements the page lists. */
const LIMIT = 50;

async function load(cx: ServiceContext) {
  return await recentAnnouncements(cx, LIMIT);
}

export const handler = define.handlers({
  async GET(ctx) {
    return page({ list: await load(serviceContextOf(ctx)), error: null });
  },
  /**
   * The urgent banner's Dismiss without JavaScript: remembers the
   * dismissal, then back to the page it was on.
   */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const form = await readForm(ctx.req);
    try {
      if (form.get("intent") !== "dismiss") {
        throw new ApiError(400, "validation", "Unknown action");
      }
      const id = IdSchema.safeParse(form.get("id") ?? "");
      if (!id.success) {
        throw new ApiError(400, "validation", "Which announcement?");
      }
      await dismissAnnouncement(cx, id.data);
      return ctx.redirect(safeNext(form.get("next"), ctx.url.origin), 303);
    } catch (error) {
      const e = toApiError(error);
      return page({
        list: await load(cx),
        error: e.message,
      }, { status: e.status });
    }
  },
});

export default define.page<typeof handler>(function Announcements(
  { data, state },
) {
  return (
    <>
      <header class="page-header">
        <h1>Announcements</h1>
        <p class="muted">
          Messages from the production office to everyone, newest first. Urgent
          ones also show at the top of every page until you dismiss them.
        </p>
      </header>
      {data.error && <p class="form-error" role="alert">{data.error}</p>}
      <section class="card" aria-label="All announcements">
        <AnnouncementList
          initial={data.list}
          limit={LIMIT}
          timeZone={timeZoneOf(state.production)}
        />
      </section>
    </>
  );
});
