import { HttpError, page } from "fresh";
import CallSheetPage from "@/islands/CallSheetPage.tsx";
import { getCallSheet } from "@/lib/callsheets/service.ts";
import { dayLabel } from "@/lib/callsheets/shared.ts";
import { NotFoundError } from "@/lib/errors.ts";
import { listMembers } from "@/lib/team/members.ts";
import { inProduction } from "@/lib/production/paths.ts";
import { requireModule } from "@/server/module_page.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "callsheets");
    const cx = serviceContextOf(ctx);
    const view = await getCallSheet(cx, ctx.params.id).catch((error) => {
      // The not-found page, as for any unknown address (never a hint).
      throw error instanceof NotFoundError ? new HttpError(404) : error;
    });
    // The office may call any active member; nobody else gets the list.
    const members = view.canEdit
      ? (await listMembers(cx.kv)).filter((m) => m.active)
        .map((m) => ({ id: m.id, name: m.name }))
        .sort((a, b) => a.name.localeCompare(b.name))
      : [];
    return page({ view, members, me: cx.actor.id }, {
      headers: { "cache-control": "no-store" },
    });
  },
});

export default define.page<typeof handler>(function CallSheet(
  { data, params },
) {
  return (
    <>
      <p class="eyebrow no-print">
        <a href={inProduction(params.slug, "/callsheets")}>Call sheets</a> ·
        {" "}
        {dayLabel(data.view.sheet)}
      </p>
      <CallSheetPage
        initial={data.view}
        members={data.members}
        me={data.me}
      />
    </>
  );
});
