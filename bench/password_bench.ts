/**
 * Cost of password hashing at the production work factor (600,000 PBKDF2
 * iterations): this is the latency a login adds, and what one guess costs an
 * attacker holding a leaked hash.
 *
 * Run: `deno bench bench/password_bench.ts`
 */
import {
  DEFAULT_ITERATIONS,
  hashPassword,
  verifyDummy,
  verifyPassword,
} from "@/lib/auth/password.ts";

const PASSWORD = "correct horse battery staple";
const stored = await hashPassword(PASSWORD);
if (!stored.startsWith(`pbkdf2-sha256$${DEFAULT_ITERATIONS}$`)) {
  throw new Error(`bench expects the default iterations, got ${stored}`);
}
// Create the cached dummy hash now so the bench measures steady state only.
await verifyDummy(PASSWORD);

Deno.bench("hashPassword (600k iterations)", { group: "pbkdf2" }, async () => {
  await hashPassword(PASSWORD);
});

Deno.bench(
  "verifyPassword, correct (600k iterations)",
  { group: "pbkdf2", baseline: true },
  async () => {
    if (!(await verifyPassword(PASSWORD, stored))) throw new Error("mismatch");
  },
);

Deno.bench(
  "verifyPassword, wrong (600k iterations)",
  { group: "pbkdf2" },
  async () => {
    if (await verifyPassword("wrong", stored)) throw new Error("match");
  },
);

Deno.bench(
  "verifyPassword, over 256 bytes (dummy derive)",
  { group: "pbkdf2" },
  async () => {
    await verifyPassword("x".repeat(300), stored);
  },
);

Deno.bench("verifyDummy (unknown user)", { group: "pbkdf2" }, async () => {
  await verifyDummy(PASSWORD);
});
