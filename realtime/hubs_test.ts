import assert from "node:assert/strict";
import type { AuthService } from "@/lib/auth/session.ts";
import { withKv } from "@/lib/store/testing.ts";
import type { Bus } from "./bus.ts";
import { ManualClock } from "./clock.ts";
import { Hubs, IDLE_HUB_MS } from "./hubs.ts";

/** A bus that carries nothing: one instance, its own commits only. */
const quietBus: Bus = { publish() {}, subscribe() {}, close() {} };

Deno.test("Hubs - one hub per production, stopped after being idle, made again on demand", () =>
  withKv(async (kv) => {
    const clock = new ManualClock(Date.now());
    const hubs = new Hubs({
      store: kv,
      // No socket sends an in-band token here.
      auth: {} as AuthService,
      bus: quietBus,
      clock,
    });
    await hubs.start();
    try {
      const film = await hubs.hubFor("film");
      assert.equal(await hubs.hubFor("film"), film, "one hub per production");
      assert.notEqual(await hubs.hubFor("series"), film);
      assert.equal(film.productionId, "film");

      clock.tick(IDLE_HUB_MS - 5_000);
      assert.equal(await hubs.hubFor("film"), film, "not idle long enough");
      clock.tick(10_000);
      const again = await hubs.hubFor("film");
      assert.notEqual(again, film, "the idle hub was stopped and replaced");
      assert.equal(again.productionId, "film");
    } finally {
      await hubs.shutdown();
    }
  }));

Deno.test("Hubs - handshakes per minute are counted on the hubs' clock", () =>
  withKv(async (kv) => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1, 12, 0, 15));
    const hubs = new Hubs({
      store: kv,
      auth: {} as AuthService,
      bus: quietBus,
      clock,
      handshakesPerMinute: 2,
    });
    await hubs.start();
    try {
      await hubs.admit("u1", "10.0.0.1");
      await hubs.admit("u1", "10.0.0.1");
      await assert.rejects(hubs.admit("u1", "10.0.0.1"), (error) => {
        const { status, code, headers } = error as {
          status: number;
          code: string;
          headers: Record<string, string>;
        };
        assert.equal(status, 429);
        assert.equal(code, "rate_limited");
        // 15 s into the clock's minute: the next one starts in 45 s.
        assert.equal(headers["Retry-After"], "45");
        return true;
      });
      clock.tick(45_000);
      await hubs.admit("u1", "10.0.0.1");
    } finally {
      await hubs.shutdown();
    }
  }));
