import { requirePermission } from "@/server/auth_middleware.ts";
import { readJson } from "@/lib/http/body.ts";
import { NewDraftSchema } from "@/lib/script/schemas.ts";
import { importRevision } from "@/lib/ripple/service.ts";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/script/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * Imports the next draft: `{source}`. Scenes are matched to the current
   * draft and marked added / removed / changed / unchanged; breakdowns carry
   * over, and every record built on a changed, omitted or renumbered scene
   * is flagged for its owner (lib/ripple). 201 with `{script, version,
   * versions, scenes, ripple}`.
   */
  async POST(ctx) {
    // Refused before the (up to 2.5 MiB) body is read.
    requirePermission(ctx, "script", "write");
    const input = await readJson(
      ctx.req,
      NewDraftSchema,
      MAX_IMPORT_BODY_BYTES,
    );
    const detail = await importRevision(
      serviceContextOf(ctx),
      ctx.params.id,
      input,
    );
    return ctx.json(detail, { status: 201 });
  },
});
