import { tooLarge } from "@/lib/assets/chunk_writer.ts";
import { AssetQuerySchema, UploadQuerySchema } from "@/lib/assets/schemas.ts";
import { listFiles, uploadFile } from "@/lib/assets/service.ts";
import { type UploadInput, uploadLimit } from "@/lib/assets/upload.ts";
import { parseWith } from "@/lib/http/body.ts";
import { ApiError } from "@/lib/http/errors.ts";
import { serviceContextOf } from "@/server/service_context.ts";
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

/**
 * The upload a request asks for: the query (name, category), the raw body
 * and its declared size. Refused before a byte of the body is read when the
 * declared size is over `maxBytes` (413), the body is a form (415) or none.
 */
function uploadInput(req: Request, url: URL, maxBytes: number): UploadInput {
  const query = parseWith(
    UploadQuerySchema,
    Object.fromEntries(url.searchParams),
  );
  const declaredLength = contentLength(req);
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    throw tooLarge(maxBytes);
  }
  const type = req.headers.get("content-type") ?? "";
  if (/^\s*(multipart\/|application\/x-www-form-urlencoded)/i.test(type)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send the file's bytes as the body, not a form",
    );
  }
  if (req.body === null) {
    throw new ApiError(400, "validation", "The file is empty");
  }
  return {
    name: query.name,
    category: query.category,
    body: req.body,
    declaredLength,
    maxBytes,
  };
}

export const handler = define.handlers({
  /** `GET /api/assets?category=&uploader=`: every file, newest first. */
  async GET(ctx) {
    const cx = serviceContextOf(ctx);
    const query = parseWith(
      AssetQuerySchema,
      Object.fromEntries(ctx.url.searchParams),
    );
    return ctx.json(await listFiles(cx, query));
  },
  /**
   * `POST /api/assets?name=…&category=…` with the raw file as the body
   * (any type but a form: the stored type is sniffed from the bytes).
   */
  async POST(ctx) {
    const cx = serviceContextOf(ctx);
    const { config, uploads } = ctx.state.services;
    const input = uploadInput(ctx.req, ctx.url, uploadLimit(config));
    const asset = await uploadFile(cx, input, uploads);
    return ctx.json(asset, {
      status: 201,
      headers: { location: `/api/assets/${encodeURIComponent(asset.id)}` },
    });
  },
});
