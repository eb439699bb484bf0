import { requireUser } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { define } from "@/server/state.ts";
import { HistoryQuerySchema } from "@/lib/store/history.ts";
import { taskHistory } from "@/lib/tasks/task_store.ts";

export const handler = define.handlers({
  /**
   * The task's change history, newest first: `{entries, nextCursor}`
   * (`?limit=&cursor=`). Whoever may read the task may read its history;
   * anyone else gets the same 404 as for the task.
   */
  async GET(ctx) {
    const user = requireUser(ctx);
    const query = parseWith(
      HistoryQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    const page = await taskHistory(
      ctx.state.services.kv,
      user,
      ctx.params.id,
      query,
    );
    if (page === null) throw new ApiError(404, "not_found", "No such task");
    return ctx.json(page);
  },
});
