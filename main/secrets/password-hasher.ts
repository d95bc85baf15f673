// Password hashing with scrypt (Node's own, OpenSSL-backed): salted, slow, parameters stored
// with the hash so they can be raised later without breaking existing passwords.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface HashCost {
  N: number;
  r: number;
  p: number;
}

/** About 50-100 ms on these machines; OWASP's minimum for scrypt is N=2^17 with r=8 at p=1 or
 * N=2^15 at higher p; this keeps memory at 32 MiB per hash for a desktop app. */
export const DEFAULT_COST: HashCost = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;

const options = (c: HashCost): ScryptOptions => ({ N: c.N, r: c.r, p: c.p, maxmem: 128 * c.N * c.r * 2 });

const derive = (password: string, salt: Buffer, cost: HashCost): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options(cost), (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

const format = (salt: Buffer, key: Buffer, c: HashCost) =>
  `scrypt$${c.N}$${c.r}$${c.p}$${salt.toString('base64')}$${key.toString('base64')}`;

export async function hashPassword(password: string, cost: HashCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  return format(salt, await derive(password, salt, cost), cost);
}

/** For loading fixed data (the demo directory) in one synchronous transaction. */
export function hashPasswordSync(password: string, cost: HashCost = DEFAULT_COST): string {
  const salt = randomBytes(16);
  return format(salt, scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, options(cost)), cost);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let decoy: string | null = null;
/** A hash of nothing, verified when there is no account, so unknown logins cost the same time. */
export const decoyHash = (): string => (decoy ??= hashPasswordSync('decoy password that matches nothing'));
