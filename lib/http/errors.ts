import { HttpError } from "fresh";
import { ZodError } from "zod";
import { PasswordTooLongError } from "@/lib/auth/password.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooLargeError,
  UnsupportedTypeError,
  ValidationError,
} from "@/lib/errors.ts";
import { StoreBusyError, ValueTooLargeError } from "@/lib/store/errors.ts";

/** The JSON error body of DESIGN §4. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * An HTTP error with a machine-readable code and optional details, sent as
 * `{"error":{code,message,details}}`.
 *
 * @example
 * ```ts
 * throw new ApiError(403, "forbidden", "Only producers may do that");
 * ```
 */
export class ApiError extends HttpError {
  /** Creates the error. */
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: HeadersInit,
  ) {
    super(status, message);
    this.name = "ApiError";
  }
}

const CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/**
 * Maps anything thrown while handling a request to an {@linkcode ApiError}:
 * store and validation errors become their 4xx; unknown errors are a 500
 * whose details stay in the log.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) {
    return new ApiError(
      400,
      "validation",
      "The request is invalid",
      error.issues,
    );
  }
  if (error instanceof NotFoundError) {
    return new ApiError(404, "not_found", error.message);
  }
  if (error instanceof ForbiddenError) {
    return new ApiError(403, "forbidden", error.message);
  }
  if (error instanceof ConflictError) {
    return new ApiError(409, error.code, error.message, error.details);
  }
  if (error instanceof ValidationError) {
    return new ApiError(
      400,
      error.code,
      error.message,
      error.details ?? (error.issues.length > 0 ? error.issues : undefined),
    );
  }
  if (error instanceof TooLargeError) {
    return new ApiError(
      413,
      "payload_too_large",
      error.message,
      error.details,
    );
  }
  if (error instanceof UnsupportedTypeError) {
    return new ApiError(415, "unsupported_media_type", error.message);
  }
  if (error instanceof ValueTooLargeError) {
    return new ApiError(413, "payload_too_large", error.message);
  }
  if (error instanceof PasswordTooLongError) {
    return new ApiError(
      400,
      "validation",
      "The password is too long (256 bytes at most)",
    );
  }
  if (error instanceof StoreBusyError) {
    return new ApiError(
      503,
      "busy",
      "The server is busy; try again",
      undefined,
      {
        "Retry-After": "1",
      },
    );
  }
  if (error instanceof HttpError) {
    return new ApiError(
      error.status,
      CODES[error.status] ?? "error",
      error.status >= 500 ? "Internal server error" : error.message,
    );
  }
  console.error(error);
  return new ApiError(500, "internal", "Internal server error");
}

/** The JSON response for an error. */
export function errorResponse(error: unknown): Response {
  const e = toApiError(error);
  const body: ErrorBody = {
    error: {
      code: e.code,
      message: e.message,
      ...(e.details === undefined ? {} : { details: e.details }),
    },
  };
  return Response.json(body, { status: e.status, headers: e.headers });
}
