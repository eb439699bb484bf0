/**
 * Bench seeding: writes N users straight into the store (no password
 * hashing: their hash is a placeholder no password matches) and mints
 * their access tokens with the server's secret.
 */
import { TokenSigner } from "@/lib/auth/jwt.ts";
import { type Role, ROLES } from "@/lib/roles.ts";
import { transact } from "@/lib/store/transaction.ts";
import { insertMember } from "@/lib/team/members.ts";

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
  const created: { id: string; name: string; role: Role }[] = [];
  // Each member checks its unique username and its membership: five per
  // commit keeps to denokv's ten checks.
  const batch = 5;
  for (let start = 0; start < count; start += batch) {
    const { result } = await transact(kv, async (tx) => {
      const out: { id: string; name: string; role: Role }[] = [];
      for (let i = start; i < Math.min(count, start + batch); i++) {
        const role = ROLES[i % ROLES.length];
        const user = await insertMember(tx, kv, {
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
  return await mintTokens(created, secret);
}

/**
 * Fresh access tokens for bench users: they live 15 minutes, shorter than
 * a repeated run, so each server run gets its own.
 */
export async function mintTokens(
  users: readonly { id: string; name: string; role: Role }[],
  secret: string,
): Promise<BenchUser[]> {
  const signer = new TokenSigner(new TextEncoder().encode(secret));
  const out: BenchUser[] = [];
  for (const { id, name, role } of users) {
    out.push({
      id,
      name,
      role,
      token: (await signer.sign({ id, role })).token,
    });
  }
  return out;
}
