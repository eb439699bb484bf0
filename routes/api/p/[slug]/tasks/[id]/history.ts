import { parseWith } from "@/lib/http/body.ts";
import { HistoryQuerySchema } from "@/lib/store/history.ts";
import { taskHistory } from "@/lib/tasks/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * The task's change history, newest first: `{entries, nextCursor}`
   * (`?limit=&cursor=`). Whoever may read the task may read its history;
   * anyone else gets the same 404 as for the task.
   */
  async GET(ctx) {
    const cx = serviceContextOf(ctx);
    const query = parseWith(
      HistoryQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await taskHistory(cx, ctx.params.id, query));
  },
});
