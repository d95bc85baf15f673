// Large bodies leave large garbage: an 8 MB push is decoded, parsed and fingerprinted into some
// 40 MB of strings and buffers that die once it is answered. V8 collects them when its own
// heuristics say so, sized for a 4 GB heap: with 200 connections pushing 8 MB each, the hub
// reached 340 to 380 MB however few bodies were read at once (the fuzz of issue 24). So once the
// bodies answered since the last collection add up to the largest one (8 MB), the hub asks for a
// full collection itself: the garbage of large bodies is then bounded like the bodies themselves.
// Calls with small bodies reach 8 MB only after thousands of them: a collection that costs little.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let exposed: (() => void) | null | undefined;

/** V8's full collection, exposed once, in a context of its own (null where the runtime refuses). */
function exposeGc(): (() => void) | null {
  if (exposed !== undefined) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    exposed = runInNewContext('gc') as () => void;
  } catch {
    exposed = null;
  }
  return exposed;
}

/** Called with each answered body's bytes; collects once `everyBytes` have been answered. */
export function createBodyCollector(everyBytes: number, gc: (() => void) | null = exposeGc()): (bytes: number) => void {
  let answered = 0;
  return (bytes) => {
    answered += bytes;
    if (answered < everyBytes || !gc) return;
    answered = 0;
    gc();
  };
}
