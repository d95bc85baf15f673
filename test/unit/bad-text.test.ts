// Text that no store could keep is refused where it is typed (issue 24, N1): the workstation's
// channels answer "invalid-input" naming the field, before anything is saved, queued or sent;
// the check itself is iterative and bounded, so 10^5 nested arrays cost it nothing.
import { describe, expect, it } from 'vitest';
import { findBadText, MAX_NESTING } from '../../preload/contract/text-check';
import { testCore } from '../fixtures/core';
import { httpClient } from '../fixtures/http';

describe('findBadText', () => {
  const deep = (levels: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  };
  it.each([
    ['plain text, accents and emoji', { message: 'Bonjour, ça va 👍' }, null],
    ['a NUL in a value', { payload: { message: 'abc\u0000def' } }, { path: 'payload.message', problem: 'nul' }],
    ['a lone high surrogate', { name: 'x\ud800' }, { path: 'name', problem: 'lone-surrogate' }],
    ['a lone low surrogate', { name: '\udc00x' }, { path: 'name', problem: 'lone-surrogate' }],
    ['a surrogate pair is fine', { name: '\ud83d\udc4d' }, null],
    ['a NUL in a key', { ['a\u0000']: 1 }, { path: '?', problem: 'nul' }],
    ['in an array', { list: ['ok', 'b\u0000'] }, { path: 'list.1', problem: 'nul' }],
    ['nesting at the limit', deep(MAX_NESTING), null],
    ['nesting past the limit', deep(MAX_NESTING + 1), { problem: 'too-deep' }],
    ['10^5 nested arrays', deep(100_000), { problem: 'too-deep' }],
    ['numbers, booleans, null', { a: 1, b: true, c: null }, null],
  ])('%s', (_, value, expected) => {
    const found = findBadText(value);
    if (expected === null) expect(found).toBeNull();
    else expect(found).toMatchObject(expected);
  });
});

describe("the workstation's channels", () => {
  const help = (message: string) => ({
    purpose: 'technical',
    message,
    name: 'Rita Sousa',
    company: 'Lost Parts Lda',
    email: 'rita@lost-parts.example',
    phone: '+351 22 000 0000',
    lang: 'en',
  });

  it('refuse a help request with a NUL or a broken surrogate, naming the field, and keep nothing of it', async () => {
    const core = testCore();
    const http = await httpClient(core);
    try {
      for (const [message, key] of [
        ['abc\u0000def', 'text.nul'],
        ['pasted \ud800 text', 'text.lone-surrogate'],
      ] as const) {
        const answer = await http.call('submitHelpRequest', help(message));
        expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { message: key } } });
      }
      const stored = core.db.prepare(`SELECT count(*) FROM submissions WHERE kind = 'help'`).pluck().get();
      expect(stored).toBe(0);
      // The same form with the text corrected goes through.
      expect(await http.call('submitHelpRequest', help('abcdef'))).toMatchObject({ ok: true });
    } finally {
      await http.close();
      core.dispose();
    }
  });
});
