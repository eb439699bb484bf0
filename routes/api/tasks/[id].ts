import { requireUser } from "@/server/auth_middleware.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { TaskPatchSchema } from "@/lib/tasks/schemas.ts";
import { deleteTask, getTask, updateTask } from "@/lib/tasks/task_store.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    const user = requireUser(ctx);
    const task = await getTask(ctx.state.services.kv, user, ctx.params.id);
    if (task === null) throw new ApiError(404, "not_found", "No such task");
    return ctx.json(task);
  },
  async PATCH(ctx) {
    const user = requireUser(ctx);
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, TaskPatchSchema);
    const task = await updateTask(
      ctx.state.services.kv,
      user,
      ctx.params.id,
      patch,
      ifVersion,
    );
    return ctx.json(task);
  },
  async DELETE(ctx) {
    const user = requireUser(ctx);
    await deleteTask(
      ctx.state.services.kv,
      user,
      ctx.params.id,
      ifMatchVersion(ctx.req),
    );
    return new Response(null, { status: 204 });
  },
});
