import assert from "node:assert/strict";
import type { AuthService } from "@/lib/auth/session.ts";
import { ManualClock } from "./clock.ts";
import { HOME_HINT_MS, HomeRoom } from "./home_room.ts";

/** A socket that is open at once and keeps the frames sent to it. */
function fakeSocket() {
  const sent: { type: string; data?: unknown }[] = [];
  const socket = {
    readyState: WebSocket.OPEN,
    send: (text: string) => sent.push(JSON.parse(text)),
    close: () => {},
  } as unknown as WebSocket;
  return { socket, sent };
}

Deno.test("HomeRoom - a second hint within HOME_HINT_MS waits for the room's clock", () => {
  const clock = new ManualClock();
  const room = new HomeRoom({} as AuthService, () => {}, clock);
  const { socket, sent } = fakeSocket();
  room.attach(
    socket,
    { id: "a1", name: "Ana" },
    ["film"],
    clock.now() + 3_600_000,
    null,
  );
  socket.onopen!(new Event("open"));
  const hints = () => sent.filter((frame) => frame.type === "home");

  room.activity("film");
  assert.equal(hints().length, 1, "the first hint goes out at once");
  room.activity("film");
  assert.equal(hints().length, 1, "the second waits");
  assert.equal(clock.pending, 1, "on a timer of the room's clock");

  clock.tick(HOME_HINT_MS);
  assert.equal(hints().length, 2, "and goes out once the interval passed");
  assert.deepEqual(hints()[1].data, {
    productionId: "film",
    memberships: false,
  });

  room.activity("film");
  room.shutdown();
  assert.equal(clock.pending, 0, "shutdown clears the pending hint");
});
