import { page } from "fresh";
import InboxList from "@/islands/InboxList.tsx";
import { readForm } from "@/lib/http/body.ts";
import { ITEM_ID } from "@/lib/inbox/schemas.ts";
import { listInbox, markAllRead } from "@/lib/inbox/service.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { timeZoneOf } from "@/lib/production/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

/** `?unread=1` and `?cursor=`, read leniently: nonsense is dropped. */
function query(url: URL) {
  const cursor = url.searchParams.get("cursor") ?? "";
  return {
    unread: url.searchParams.get("unread") === "1",
    cursor: ITEM_ID.test(cursor) ? cursor : undefined,
  };
}

export const handler = define.handlers({
  async GET(ctx) {
    const q = query(ctx.url);
    return page({
      unread: q.unread,
      page: await listInbox(serviceContextOf(ctx), q),
    });
  },
  /** "Mark all read" without JavaScript, then back to the inbox. */
  async POST(ctx) {
    const form = await readForm(ctx.req);
    if (form.get("intent") === "read_all") {
      await markAllRead(serviceContextOf(ctx));
    }
    const back = query(ctx.url).unread ? "/inbox?unread=1" : "/inbox";
    return ctx.redirect(inProduction(ctx.params.slug, back), 303);
  },
});

export default define.page<typeof handler>(function Inbox(
  { data, state, url },
) {
  const slug = state.production!.slug;
  const here = (unread: boolean) =>
    inProduction(slug, unread ? "/inbox?unread=1" : "/inbox");
  return (
    <>
      <header class="page-header">
        <h1>Inbox</h1>
        <p class="muted">
          What concerns you in this production: mentions, assignments, review
          requests and decisions, approvals of your scenes, budget alerts and
          script changes that touch your work. Newest first.
        </p>
      </header>
      <nav class="inbox-filter" aria-label="Show">
        <a href={here(false)} aria-current={data.unread ? undefined : "page"}>
          All
        </a>
        <a href={here(true)} aria-current={data.unread ? "page" : undefined}>
          Unread
        </a>
        <form method="post" action={url.pathname + url.search}>
          <input type="hidden" name="intent" value="read_all" />
          <noscript>
            <button type="submit" class="button button-small">
              Mark all read
            </button>
          </noscript>
        </form>
      </nav>
      <InboxList
        page={data.page}
        unreadOnly={data.unread}
        timeZone={timeZoneOf(state.production)}
      />
    </>
  );
});
