// Text that may enter the portal, from a screen, a device or a file: valid Unicode without NUL
// (PostgreSQL refuses both in text and jsonb, SQLite and mail headers mishandle them), and
// structures of a bounded depth (a recursive reader of 10^5 nested arrays runs out of stack).
// One check for the workstation's channels and for the hub's edge, so what the hub would refuse
// is refused on screen before it is ever queued. Iterative: its own depth never hurts it.

/** No payload of the portal nests deeper than this (a form is 4 levels, a hub push 8). */
export const MAX_NESTING = 32;

export type TextProblem = 'nul' | 'lone-surrogate' | 'too-deep';

export interface BadText {
  /** Where it is, as a field path ("payload.message", "_" for the value itself). */
  path: string;
  problem: TextProblem;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const problemOf = (text: string): TextProblem | null =>
  text.includes('\u0000') ? 'nul' : LONE_SURROGATE.test(text) ? 'lone-surrogate' : null;

/** A value still to look at, and where it is: its path is made only for a report (a path per
 * value once cost a hub 30 MB and 300 ms for one push of 100,000 small objects). */
interface Pending {
  value: unknown;
  key: string;
  parent: Pending | null;
  depth: number;
}

const pathOf = (item: Pending | null, last?: string): string => {
  const keys = last === undefined ? [] : [last];
  for (let at = item; at && at.parent; at = at.parent) keys.push(at.key);
  return keys.length === 0 ? '_' : keys.reverse().join('.');
};

/** The first string (value or key) that is not acceptable text, or a structure nested too deep. */
export function findBadText(value: unknown, maxNesting = MAX_NESTING): BadText | null {
  const stack: Pending[] = [{ value, key: '', parent: null, depth: 0 }];
  // Numbers, booleans and null hold no text: they are never put on the stack.
  const push = (child: unknown, key: string, parent: Pending) => {
    if (typeof child === 'string' || (child !== null && typeof child === 'object'))
      stack.push({ value: child, key, parent, depth: parent.depth + 1 });
  };
  while (stack.length > 0) {
    const pending = stack.pop()!;
    const item = pending.value;
    if (typeof item === 'string') {
      const problem = problemOf(item);
      if (problem) return { path: pathOf(pending), problem };
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (pending.depth >= maxNesting) return { path: pathOf(pending), problem: 'too-deep' };
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) push(item[i], String(i), pending);
      continue;
    }
    for (const [key, child] of Object.entries(item)) {
      const keyProblem = problemOf(key);
      // A bad key is reported by a printable stand-in: the key itself cannot be shown or stored.
      if (keyProblem) return { path: pathOf(pending, '?'), problem: keyProblem };
      push(child, key, pending);
    }
  }
  return null;
}

/** Words for a caller that reads no translation (the hub's API, the command line, the log). */
export function describeBadText(bad: BadText): string {
  const where = bad.path === '_' ? 'The value' : `"${bad.path}"`;
  switch (bad.problem) {
    case 'nul':
      return `${where} contains a NUL character (U+0000), which cannot be stored or sent: remove it and send again.`;
    case 'lone-surrogate':
      return `${where} is not valid Unicode text (an unpaired surrogate, often from a broken copy and paste): retype it and send again.`;
    case 'too-deep':
      return `${where} is nested more than ${MAX_NESTING} levels deep: no call of the portal needs that; send a flatter value.`;
  }
}
