import { requirePermission } from "@/server/auth_middleware.ts";
import { readJson } from "@/lib/http/body.ts";
import { NewDraftSchema } from "@/lib/script/schemas.ts";
import {
  importDraft,
  MAX_IMPORT_BODY_BYTES,
} from "@/lib/script/script_store.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * Imports the next draft: `{source}`. Scenes are matched to the current
   * draft and marked added / removed / changed / unchanged; breakdowns carry
   * over. 201 with `{script, version, versions, scenes}`.
   */
  async POST(ctx) {
    const user = requirePermission(ctx, "script", "write");
    const input = await readJson(
      ctx.req,
      NewDraftSchema,
      MAX_IMPORT_BODY_BYTES,
    );
    const detail = await importDraft(
      ctx.state.services.kv,
      user,
      ctx.params.id,
      input,
    );
    return ctx.json(detail, { status: 201 });
  },
});
