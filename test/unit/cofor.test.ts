import { describe, expect, it } from 'vitest';
import { parseCofor } from '../../main/portal/onboarding/cofor';
import { generateCofor } from '../../main/portal/desk/cofor';

describe('parseCofor', () => {
  it.each([
    ['a1b2c3', undefined, 'A1B2C3', null],
    ['A1B2C3', '', 'A1B2C3', null],
    ['  A1B2C3  ', '  ', 'A1B2C3', null],
    ['A1B2C3  01', undefined, 'A1B2C3', '01'],
    ['A1B2C301', undefined, 'A1B2C3', '01'],
    ['a1b2c3 0b', undefined, 'A1B2C3', '0B'],
    ['A1B2C3', '01', 'A1B2C3', '01'],
    ['A1B2C3', 'x9', 'A1B2C3', 'X9'],
    ['A1B2C3  01', '01', 'A1B2C3', '01'],
  ])('understands %j with site %j', (cofor, site, expectedCofor, expectedSite) => {
    expect(parseCofor(cofor, site)).toEqual({ ok: true, cofor: expectedCofor, siteCode: expectedSite });
  });

  it.each([
    ['', undefined, 'cofor', 'cofor.empty'],
    ['   ', undefined, 'cofor', 'cofor.empty'],
    ['A1B2C', undefined, 'cofor', 'cofor.format'],
    ['A1B2C3D', undefined, 'cofor', 'cofor.format'],
    ['A1-B2C3', undefined, 'cofor', 'cofor.format'],
    ['A1B2C3   01', undefined, 'cofor', 'cofor.format'],
    ['A1B2C3  012', undefined, 'cofor', 'cofor.format'],
    ["A1B2C3'; DROP TABLE companies;--", undefined, 'cofor', 'cofor.format'],
    ['ÀBCDEF', undefined, 'cofor', 'cofor.format'],
    ['A1B2C3', '1', 'siteCode', 'site.format'],
    ['A1B2C3', '001', 'siteCode', 'site.format'],
    ['A1B2C3', '0-', 'siteCode', 'site.format'],
    ['A1B2C3  01', '02', 'siteCode', 'site.conflict'],
  ])('explains %j with site %j', (cofor, site, field, reason) => {
    expect(parseCofor(cofor, site)).toEqual({ ok: false, field, reason });
  });
});

describe('COFOR generation', () => {
  it('never gives a COFOR already taken', () => {
    const taken = new Set<string>();
    let n = 0;
    const random = () => [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2][n++ % 12]!;
    taken.add(generateCofor(() => false, random));
    const second = generateCofor((c) => taken.has(c), random);
    expect(taken.has(second)).toBe(false);
    const many = new Set(Array.from({ length: 2000 }, () => generateCofor(() => false)));
    expect(many.size).toBe(2000);
  });
});
