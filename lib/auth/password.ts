/**
 * Password hashing with PBKDF2-HMAC-SHA256 from WebCrypto.
 *
 * Stored hashes are self-describing
 * (`pbkdf2-sha256$<iterations>$<salt base64url>$<hash base64url>`) so the
 * work factor can be raised later: old hashes still verify with the
 * iterations they were made with, and {@link needsRehash} says when to
 * upgrade one after a successful login.
 *
 * @module
 */

/** Longest accepted password, in UTF-8 bytes (longer ones are rejected, not truncated). */
export const MAX_PASSWORD_BYTES = 256;

/** Iterations used when none are given (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
export const DEFAULT_ITERATIONS = 600_000;

/** Thrown by {@link hashPassword} for passwords over {@link MAX_PASSWORD_BYTES}; callers map it to HTTP 400. */
export class PasswordTooLongError extends Error {
  /** Builds the error; the message never contains the password. */
  constructor() {
    super(`Password is longer than ${MAX_PASSWORD_BYTES} UTF-8 bytes`);
    this.name = "PasswordTooLongError";
  }
}

const SCHEME = "pbkdf2-sha256";
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// A corrupted or hostile record must not pin a CPU for minutes, so stored
// iteration counts above this are treated as malformed (~17x the default).
const MAX_ITERATIONS = 10_000_000;
// Salts may grow if parameters are raised later, but never shrink below the
// size we generate, and a huge one is a sign of corruption.
const MAX_SALT_BYTES = 64;

const encoder = new TextEncoder();

interface ParsedHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

/**
 * Hashes a password for storage with a fresh 16-byte random salt.
 *
 * `options.iterations` exists so tests can stay fast and so the cost can be
 * raised; production code should use the default.
 *
 * @example
 * ```ts
 * const stored = await hashPassword("correct horse battery staple");
 * // "pbkdf2-sha256$600000$<salt>$<hash>"
 * ```
 * @throws {PasswordTooLongError} when the password is over 256 UTF-8 bytes.
 * @throws {RangeError} when `options.iterations` is not an integer in 1..10,000,000.
 */
export async function hashPassword(
  password: string,
  options: { iterations?: number } = {},
): Promise<string> {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!isValidIterations(iterations)) {
    throw new RangeError(
      `iterations must be an integer from 1 to ${MAX_ITERATIONS}`,
    );
  }
  const bytes = encodePassword(password);
  if (bytes === null) throw new PasswordTooLongError();
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(bytes, salt, iterations);
  return [SCHEME, iterations, toBase64Url(salt), toBase64Url(hash)].join("$");
}

/**
 * Checks a password against a stored hash in constant time.
 *
 * Never throws on bad input: a malformed stored string gives `false`, and so
 * does a password over {@link MAX_PASSWORD_BYTES} — after deriving a dummy
 * with the stored parameters, so an over-long guess costs the same as a
 * wrong one.
 *
 * @example
 * ```ts
 * const stored = await hashPassword("hunter2");
 * await verifyPassword("hunter2", stored); // true
 * await verifyPassword("hunter3", stored); // false
 * ```
 */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<boolean> {
  const parsed = parseStored(stored);
  // The stored string is ours, not the attacker's, so answering a corrupted
  // record quickly leaks nothing about the guess.
  if (parsed === null) return false;
  const bytes = encodePassword(password);
  if (bytes === null) {
    // Hash a fixed stand-in rather than the attacker-sized input, but with the
    // same salt and iterations so the response time matches a normal verify.
    await derive(encoder.encode("\0too-long"), parsed.salt, parsed.iterations);
    return false;
  }
  const derived = await derive(bytes, parsed.salt, parsed.iterations);
  return constantTimeEqual(derived, parsed.hash);
}

/**
 * Says whether a stored hash should be replaced after a successful login.
 *
 * True when its iterations are below `iterations` (default
 * {@link DEFAULT_ITERATIONS}), and for malformed strings, which can never be
 * kept as they are.
 *
 * @example
 * ```ts
 * if (await verifyPassword(pw, user.hash) && needsRehash(user.hash)) {
 *   user.hash = await hashPassword(pw);
 * }
 * ```
 */
export function needsRehash(
  stored: string,
  iterations: number = DEFAULT_ITERATIONS,
): boolean {
  const parsed = parseStored(stored);
  return parsed === null || parsed.iterations < iterations;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as verifying against a real hash; used for unknown
 * usernames so they cost the same as a wrong password.
 *
 * The dummy hash uses {@link DEFAULT_ITERATIONS} and is created once, lazily,
 * from a random password nobody knows, so this always resolves to `false`.
 * The first call pays for creating it too (about twice the usual time).
 *
 * @example
 * ```ts
 * const user = await findUser(name);
 * const ok = user
 *   ? await verifyPassword(pw, user.hash)
 *   : await verifyDummy(pw);
 * ```
 */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(
    toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
  );
  let stored: string;
  try {
    stored = await dummyHash;
  } catch (error) {
    // Do not cache a failure forever; the next call gets a fresh attempt.
    dummyHash = undefined;
    throw error;
  }
  await verifyPassword(password, stored);
  return false;
}

/** UTF-8 bytes of the password, or null when over the limit. */
function encodePassword(password: string): Uint8Array<ArrayBuffer> | null {
  // UTF-8 never needs fewer bytes than UTF-16 code units, so this rejects a
  // huge input before encoding it.
  if (password.length > MAX_PASSWORD_BYTES) return null;
  const bytes = encoder.encode(password);
  return bytes.length > MAX_PASSWORD_BYTES ? null : bytes;
}

async function derive(
  password: Uint8Array<ArrayBuffer>,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey(
    "raw",
    password,
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

function parseStored(stored: string): ParsedHash | null {
  if (typeof stored !== "string") return null;
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== SCHEME) return null;
  // Digits only, no leading zero: "1e6", " 600000" or "0600000" are not ours.
  if (!/^[1-9][0-9]{0,7}$/.test(parts[1])) return null;
  const iterations = Number(parts[1]);
  if (!isValidIterations(iterations)) return null;
  const salt = fromBase64Url(parts[2]);
  const hash = fromBase64Url(parts[3]);
  if (salt === null || salt.length < SALT_BYTES) return null;
  if (salt.length > MAX_SALT_BYTES) return null;
  // A short hash would be easy to collide with, so the length is fixed.
  if (hash === null || hash.length !== HASH_BYTES) return null;
  return { iterations, salt, hash };
}

function isValidIterations(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_ITERATIONS;
}

/** Compares equal-length byte arrays without an early exit. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function toBase64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** Strict base64url: no padding, no whitespace, canonical trailing bits. */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const bytes = Uint8Array.fromBase64(text, { alphabet: "base64url" });
    // fromBase64 tolerates non-zero spare bits; re-encoding catches them so
    // each hash has exactly one spelling.
    return toBase64Url(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}
