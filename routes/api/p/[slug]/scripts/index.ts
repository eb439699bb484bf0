import { requirePermission } from "@/server/auth_middleware.ts";
import { readJson } from "@/lib/http/body.ts";
import { NewScriptSchema } from "@/lib/script/schemas.ts";
import { createScript, listScripts } from "@/lib/script/service.ts";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/script/shared.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /** Every script (the current draft's counts), most recently updated first. */
  async GET(ctx) {
    requirePermission(ctx, "script", "read");
    return ctx.json(await listScripts(serviceContextOf(ctx)));
  },
  /**
   * Imports a Fountain script as a new script: `{title?, source}` (the title
   * defaults to the title page's). 201 with `{script, version, versions,
   * scenes}`. 413 over 2 MiB, 415 for binary data.
   */
  async POST(ctx) {
    // Refused before the (up to 2.5 MiB) body is read.
    requirePermission(ctx, "script", "write");
    const input = await readJson(
      ctx.req,
      NewScriptSchema,
      MAX_IMPORT_BODY_BYTES,
    );
    const detail = await createScript(serviceContextOf(ctx), input);
    return ctx.json(detail, { status: 201 });
  },
});
