import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { TaskPatchSchema } from "@/lib/tasks/schemas.ts";
import { deleteTask, getTask, updateTask } from "@/lib/tasks/service.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  async GET(ctx) {
    return ctx.json(await getTask(serviceContextOf(ctx), ctx.params.id));
  },
  async PATCH(ctx) {
    const cx = serviceContextOf(ctx);
    const ifVersion = ifMatchVersion(ctx.req);
    const patch = await readJson(ctx.req, TaskPatchSchema);
    return ctx.json(await updateTask(cx, ctx.params.id, patch, ifVersion));
  },
  async DELETE(ctx) {
    const cx = serviceContextOf(ctx);
    await deleteTask(cx, ctx.params.id, ifMatchVersion(ctx.req));
    return new Response(null, { status: 204 });
  },
});
