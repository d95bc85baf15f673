// The engine's clock: the system's. End-to-end tests must move time by days (a request left
// waiting for 30 days, a review's grace period) without waiting, in processes they start: with
// PORTAL_CLOCK_FILE set, the clock is the system's plus the milliseconds written in that file,
// read at each call. Whoever can set a process's environment can set its system clock too, so
// this opens nothing; the host says on start that the clock is moved.
import { readFileSync } from 'node:fs';

export type Clock = () => Date;

export function processClock(env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = console.warn): Clock {
  const file = env['PORTAL_CLOCK_FILE'];
  if (!file) return () => new Date();
  warn(`clock: moved by the offset in ${file} (PORTAL_CLOCK_FILE, for tests)`);
  return () => {
    let offset = 0;
    try {
      offset = Number(readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      // No file yet: the system's time.
    }
    return new Date(Date.now() + offset);
  };
}
