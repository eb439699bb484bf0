import { requirePermission } from "@/server/auth_middleware.ts";
import { ifMatchVersion, readJson } from "@/lib/http/body.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { ElementRenameSchema } from "@/lib/elements/schemas.ts";
import { getElement, renameElement } from "@/lib/elements/service.ts";
import { ElementMergedError } from "@/lib/elements/store.ts";
import { serviceContextOf } from "@/server/service_context.ts";
import { define } from "@/server/state.ts";

export const handler = define.handlers({
  /**
   * `{element, aliases, scenes}`: the element, its other spellings and the
   * scenes of the current drafts it appears in. A merged element's id is a
   * 404 whose details name the element it became (`mergedInto`).
   */
  async GET(ctx) {
    requirePermission(ctx, "script", "read");
    try {
      return ctx.json(await getElement(serviceContextOf(ctx), ctx.params.id));
    } catch (error) {
      if (error instanceof ElementMergedError) {
        throw new ApiError(404, "not_found", error.message, {
          mergedInto: error.into,
        });
      }
      throw error;
    }
  },
  /**
   * Renames the element: `{name}`, optional `If-Match: <version>`; its
   * tags in the current drafts follow. 409 `element_exists` when another
   * element of the category has the name (merge instead).
   */
  async PATCH(ctx) {
    // Refused before the body is read, as the script's writes are.
    requirePermission(ctx, "script", "write");
    const cx = serviceContextOf(ctx);
    const ifVersion = ifMatchVersion(ctx.req);
    const input = await readJson(ctx.req, ElementRenameSchema);
    return ctx.json(await renameElement(cx, ctx.params.id, input, ifVersion));
  },
});
