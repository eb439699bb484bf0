/**
 * The client's address as the server saw it (the peer, not a forwarded
 * header, which any client could forge).
 */
export function clientAddress(info: Deno.ServeHandlerInfo): string {
  const addr = info.remoteAddr;
  return "hostname" in addr ? addr.hostname : addr.transport;
}
