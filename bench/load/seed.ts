/**
 * Bench seeding: writes N users straight into the store (no password
 * hashing: their hash is a placeholder no password matches) and mints
 * their access tokens with the server's secret.
 */
import { TokenSigner } from "@/lib/auth/jwt.ts";
import { type Role, ROLES } from "@/lib/roles.ts";
import { transact } from "@/lib/store/transaction.ts";
import { users } from "@/lib/team/users.ts";

/** A bench user and the token its socket presents. */
export interface BenchUser {
  id: string;
  name: string;
  role: Role;
  token: string;
}

/** Seeds `count` users spread evenly over the six roles. */
export async function seedBenchUsers(
  kv: Deno.Kv,
  secret: string,
  count: number,
): Promise<BenchUser[]> {
  const signer = new TokenSigner(new TextEncoder().encode(secret));
  const created: { id: string; name: string; role: Role }[] = [];
  // Each insert checks its unique username: ten per commit, denokv's limit.
  const batch = 10;
  for (let start = 0; start < count; start += batch) {
    const { result } = await transact(kv, async (tx) => {
      const out: { id: string; name: string; role: Role }[] = [];
      for (let i = start; i < Math.min(count, start + batch); i++) {
        const role = ROLES[i % ROLES.length];
        const user = await users.insert(tx, {
          username: `bench_${String(i).padStart(5, "0")}`,
          name: `Bench ${i}`,
          role,
          active: true,
          passwordHash: "disabled$bench-user",
        });
        out.push({ id: user.id, name: user.name, role });
      }
      return out;
    });
    created.push(...result);
  }
  const tokens: BenchUser[] = [];
  for (const user of created) {
    tokens.push({ ...user, token: (await signer.sign(user)).token });
  }
  return tokens;
}
