import {
  listAssets,
  uploadAsset,
  uploadLimit,
} from "@/lib/assets/asset_store.ts";
import { AssetQuerySchema, UploadQuerySchema } from "@/lib/assets/schemas.ts";
import { requireUser } from "@/server/auth_middleware.ts";
import { parseWith } from "@/lib/http/body.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { define } from "@/server/state.ts";

/** The declared body size, or undefined; 400 when not a byte count. */
function contentLength(req: Request): number | undefined {
  const header = req.headers.get("content-length");
  if (header === null) return undefined;
  if (!/^\s*\d{1,15}\s*$/.test(header)) {
    throw new ApiError(400, "validation", "Content-Length is not a size");
  }
  return Number(header);
}

export const handler = define.handlers({
  /** `GET /api/assets?category=&uploader=`: every file, newest first. */
  async GET(ctx) {
    requireUser(ctx);
    const query = parseWith(
      AssetQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listAssets(ctx.state.services.kv, query));
  },
  /**
   * `POST /api/assets?name=…&category=…` with the raw file as the body
   * (any type but a form: the stored type is sniffed from the bytes).
   */
  async POST(ctx) {
    const user = requireUser(ctx);
    const query = parseWith(
      UploadQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    const maxBytes = uploadLimit(ctx.state.services.config);
    const declaredLength = contentLength(ctx.req);
    // Refused before a byte of the body is read.
    if (declaredLength !== undefined && declaredLength > maxBytes) {
      throw new ApiError(
        413,
        "payload_too_large",
        `The file is larger than the upload limit of ${maxBytes} bytes`,
        { maxBytes },
      );
    }
    const type = ctx.req.headers.get("content-type") ?? "";
    if (/^\s*(multipart\/|application\/x-www-form-urlencoded)/i.test(type)) {
      throw new ApiError(
        415,
        "unsupported_media_type",
        "Send the file's bytes as the body, not a form",
      );
    }
    if (ctx.req.body === null) {
      throw new ApiError(400, "validation", "The file is empty");
    }
    const asset = await uploadAsset(ctx.state.services.kv, user, {
      name: query.name,
      category: query.category,
      body: ctx.req.body,
      declaredLength,
      maxBytes,
    });
    return ctx.json(asset, {
      status: 201,
      headers: { location: `/api/assets/${encodeURIComponent(asset.id)}` },
    });
  },
});
