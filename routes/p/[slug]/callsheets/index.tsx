import { page } from "fresh";
import CallSheetList from "@/islands/CallSheetList.tsx";
import { listCallSheets } from "@/lib/callsheets/service.ts";
import { requireModule } from "@/server/module_page.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    requireModule(ctx, "callsheets");
    return page({ list: await listCallSheets(serviceContextOf(ctx)) });
  },
});

export default define.page<typeof handler>(function CallSheets({ data }) {
  return (
    <>
      <header class="page-header">
        <h1>Call sheets</h1>
        <p class="muted">
          {data.list.seesAll
            ? "One per shooting day, made from the schedule. Everyone called gets it in their inbox and confirms receipt."
            : "The call sheets of the days you are called. Open one to see your call and confirm you received it."}
        </p>
      </header>
      <CallSheetList initial={data.list} />
    </>
  );
});
