// The lockout's wait, in words a person reads at once, with each language's plurals.
import { describe, expect, it } from 'vitest';
import { formatWait } from '../../renderer/src/lib/durations';

describe('a wait in words', () => {
  it.each([
    [1, 'en', '1 second'],
    [2, 'en', '2 seconds'],
    [59, 'en', '59 seconds'],
    [60, 'en', '1 minute'],
    [61, 'en', '1 minute 1 second'],
    [254, 'en', '4 minutes 14 seconds'],
    [300, 'en', '5 minutes'],
    [0.2, 'en', '1 second'], // never "0 seconds": the wait is rounded up
    [1, 'fr', '1 seconde'],
    [2, 'fr', '2 secondes'],
    [254, 'fr', '4 minutes 14 secondes'],
    [60, 'fr', '1 minute'],
  ])('%d s in %s: %s', (seconds, lang, words) => {
    // French keeps the number and its unit together with a no-break space.
    expect(formatWait(seconds, lang).replace(/\s/g, ' ')).toBe(words);
  });
});
