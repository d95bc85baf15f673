// A bearer token (a session's, a device's) is kept as its SHA-256 only: a copy of the store or
// of the hub's database gives no token that works. Tokens are 32 random bytes, so no slow hash
// is needed (nothing to guess); one function, for the workstation and the hub.
import { createHash } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
