// Bodies the hub reads at once are bounded in bytes, not only each one: 200 pushes of 8 MB at
// once took the hub from 557 MB to 3.2 GB. A call whose body does not fit waits, unread (TCP
// holds the rest), until the calls ahead of it are answered; one that waits too long is asked
// to come back (429), never answered 500.
import { HubError } from './hub-error';

export interface BodyBudget {
  /** Holds `bytes` of the budget until the returned release is called. */
  take(bytes: number): Promise<() => void>;
  readonly inUse: number;
}

export function createBodyBudget(totalBytes: number, maxWaitMs = 20_000): BodyBudget {
  let inUse = 0;
  const waiting: Array<{ bytes: number; grant: () => void }> = [];
  const wake = () => {
    // In order: a large body first in line is not passed for ever by small ones.
    while (waiting.length > 0 && (inUse === 0 || inUse + waiting[0]!.bytes <= totalBytes)) {
      const next = waiting.shift()!;
      inUse += next.bytes;
      next.grant();
    }
  };
  return {
    get inUse() {
      return inUse;
    },
    take(bytes) {
      const want = Math.min(bytes, totalBytes);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        inUse -= want;
        wake();
      };
      if (waiting.length === 0 && (inUse === 0 || inUse + want <= totalBytes)) {
        inUse += want;
        return Promise.resolve(release);
      }
      return new Promise((resolve, reject) => {
        const entry = { bytes: want, grant: () => (clearTimeout(timer), resolve(release)) };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          wake();
          reject(
            new HubError('rate-limited', 'The hub is busy reading other calls: send again shortly.', {
              retryAfterSeconds: 2,
            }),
          );
        }, maxWaitMs);
        timer.unref?.();
        waiting.push(entry);
      });
    },
  };
}
