import { readJson } from "@/lib/http/body.ts";
import { VersionLockSchema } from "@/lib/schedule/schemas.ts";
import { deleteVersion, setVersionLock } from "@/lib/schedule/versions.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Locks the version as the shooting schedule, or unlocks it. */
  async PATCH(ctx) {
    const cx = serviceContextOf(ctx);
    const { locked } = await readJson(ctx.req, VersionLockSchema);
    return ctx.json(await setVersionLock(cx, ctx.params.id, locked));
  },
  /** Deletes an unlocked version. */
  async DELETE(ctx) {
    await deleteVersion(serviceContextOf(ctx), ctx.params.id);
    return new Response(null, { status: 204 });
  },
});
