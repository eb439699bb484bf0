/** Reason phrases for the statuses the framework produces itself. */
const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/**
 * An error that carries an HTTP status. Throw it from a handler or
 * middleware; the nearest `_error` route (or the default handler) turns it
 * into a response with that status.
 *
 * @example
 * ```ts
 * import { HttpError } from "fresh";
 * throw new HttpError(404, "No such task");
 * ```
 */
export class HttpError extends Error {
  /** The HTTP status code. */
  readonly status: number;

  /** Creates an error for `status`; the message defaults to the reason phrase. */
  constructor(status: number, message?: string, options?: ErrorOptions) {
    super(message ?? STATUS_TEXT[status] ?? `HTTP ${status}`, options);
    this.name = "HttpError";
    this.status = status;
  }
}
