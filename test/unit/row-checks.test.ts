// The CSV row checks against the schemas they stand for: on thousands of generated rows, good
// and bad, a row passes the one exactly when it passes the other, with the same record.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { directoryAccountSchema, directoryPersonSchema, directorySiteSchema } from '../../main/portal/directory/model';
import { CHILD_RULES, checkChildRow, type ChildRecord } from '../../main/portal/directory/row-checks';

const SCHEMAS: Record<ChildRecord, z.ZodObject> = {
  site: directorySiteSchema,
  person: directoryPersonSchema,
  account: directoryAccountSchema,
};
/** What a cell may hold: good values, near misses, blanks' neighbours, long ones. */
const SAMPLES = [
  '01',
  'a2',
  'ABC',
  '0',
  'V123456',
  'v654321',
  'V12345',
  'V1234567',
  'X123456',
  'user',
  'plsa',
  'staff',
  'legal-representative',
  'PLSA',
  'active',
  'blocked',
  'deactivated',
  'gone',
  'ab',
  'abc',
  'ana@example.com',
  'Ana Lima',
  'x'.repeat(30),
  'x'.repeat(31),
  'x'.repeat(40),
  'x'.repeat(41),
  'x'.repeat(120),
  'x'.repeat(121),
  'x'.repeat(254),
  'x'.repeat(255),
  undefined,
];

describe('the CSV row checks', () => {
  for (const record of Object.keys(CHILD_RULES) as ChildRecord[]) {
    it(`agree with the ${record} schema`, () => {
      let seed = 11;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      // Each field's good values, by the schema's own word, so that whole good rows come up too.
      const good = Object.fromEntries(
        CHILD_RULES[record].map((rule) => [
          rule.key,
          SAMPLES.filter((v) => (SCHEMAS[record].shape[rule.key] as z.ZodType).safeParse(v).success),
        ]),
      );
      const pick = (xs: readonly (string | undefined)[]) => xs[Math.floor(random() * xs.length)];
      let accepted = 0;
      for (let n = 0; n < 3000; n++) {
        const cells: Record<string, string | undefined> = {};
        const input: Record<string, string | undefined> = {};
        for (const rule of CHILD_RULES[record]) {
          const value = random() < 0.8 ? pick(good[rule.key]!) : pick(SAMPLES);
          cells[rule.column] = value;
          if (value !== undefined) input[rule.key] = value;
        }
        const ours = checkChildRow(record, (column) => cells[column], 7);
        const theirs = SCHEMAS[record].safeParse(input);
        expect(ours.ok, JSON.stringify(input)).toBe(theirs.success);
        if (ours.ok && theirs.success) {
          expect(ours.value).toEqual(theirs.data);
          accepted++;
        }
      }
      expect(accepted).toBeGreaterThan(300); // good rows were tried, not only bad ones
    });
  }

  it('names the column, the rule and what was found', () => {
    const cells: Record<string, string> = { login: 'v12x', email: 'ab', role: 'admin', state: 'active' };
    const checked = checkChildRow('account', (column) => cells[column], 12);
    expect(checked).toEqual({
      ok: false,
      problems: [
        { line: 12, problem: 'format', field: 'login', value: 'v12x' },
        { line: 12, problem: 'format', field: 'email', value: 'ab' },
        { line: 12, problem: 'choice', field: 'role', value: 'admin', detail: 'user, plsa' },
      ],
    });
  });
});
