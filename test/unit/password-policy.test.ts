import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPassword, parseBlocklist, PASSWORD_MAX } from '../../main/portal/accounts/password-policy';
import { hashPassword, verifyPassword } from '../../main/secrets/password-hasher';
import {
  attemptKey,
  DEFAULT_LOCKOUT,
  delayAfter,
  sourceOfAddress,
  waitBeforeAttempt,
} from '../../main/portal/accounts/lockout';
import { generateTemporaryPassword } from '../../main/portal/accounts/temporary-password';
import { emailMatchesExactly, withinRecoveryCap } from '../../main/portal/accounts/recovery-rules';
import { RESOURCES_DIR } from '../fixtures/core';

const common = parseBlocklist(readFileSync(join(RESOURCES_DIR, 'passwords', 'common-passwords.txt'), 'utf8'));
const context = { login: 'V123456', companyName: 'Acme Brakes SA', personName: 'Jane Smithers' };

describe('password policy', () => {
  it('ships a blocklist of at least 3,000 common passwords', () => {
    expect(common.size).toBeGreaterThanOrEqual(3000);
    expect(common.has('password')).toBe(true);
  });

  it.each([
    ['correct lamp orbit tulip', null],
    ['Tr0ub4dor&3 is long now', null],
    ['fünfzehn zeichen ok', null],
    ['🔒🔒 a lock and a long phrase', null],
    ['aaaaaaaaaaaaaaaaaaaa'.slice(0, 14), 'password.too-short'],
    ['short', 'password.too-short'],
    ['é'.repeat(14), 'password.too-short'],
    ['x'.repeat(PASSWORD_MAX + 1), 'password.too-long'],
    ['passwordpassword', 'password.repetitive'],
    ['aaaaaaaaaaaaaaaa', 'password.repetitive'],
    ['abcabcabcabcabcabc', 'password.repetitive'],
    ['1qaz2wsx3edc4rfv', 'password.common'],
    ['123456789987654321', 'password.common'],
    ['!!!qazwsxedcrfvtgb!!!', 'password.common'],
    ['my login V123456 rocks', 'password.context'],
    ['v123456 in lower case', 'password.context'],
    ['acme brakes forever!!', 'password.context'],
    ['i love the b2b system', 'password.context'],
    ['my stellantis access', 'password.context'],
    ['smithers keeps it safe', 'password.context'],
  ])('%j -> %s', (password, expected) => {
    expect(checkPassword(password, context, common)).toBe(expected);
  });

  it('has no composition rule: lower-case letters and spaces alone are fine', () => {
    expect(checkPassword('plain lower case words here', context, common)).toBeNull();
  });
});

describe('password hashing (scrypt)', () => {
  it('salts every hash and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('same password twice'), hashPassword('same password twice')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(a).not.toContain('same password');
    expect(await verifyPassword('same password twice', a)).toBe(true);
    expect(await verifyPassword('same password twice!', a)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });
});

describe('lockout delays', () => {
  // 3 failures are free: a 4th attempt right after them is heard; from the 4th failure on each
  // failure doubles the wait of the source they came from, up to 5 minutes, and none blocks the
  // account (issue 24, N12: the README says the same).
  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 0],
    [4, 2],
    [5, 4],
    [6, 8],
    [9, 64],
    [10, 128],
    [12, 300],
    [1000, 300],
  ])('after %i failures, wait %i s', (failures, seconds) => {
    expect(delayAfter(failures)).toBe(seconds);
  });

  it('are the ones the README states, and never block', () => {
    const readme = readFileSync(resolve(__dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const stated =
      /the first (\d+) failures cost no wait, then each one makes that source's next attempt wait twice as long, from (\d+) s up to (\d+) min/.exec(
        readme,
      );
    expect(stated, 'the lockout sentence of the README').not.toBeNull();
    const [, free, base, maxMinutes] = stated!.map(Number);
    expect({ free, base, max: maxMinutes! * 60 }).toEqual({
      free: DEFAULT_LOCKOUT.freeFailures,
      base: DEFAULT_LOCKOUT.baseDelaySeconds,
      max: DEFAULT_LOCKOUT.maxDelaySeconds,
    });
    expect(readme).toContain('failures never block an account');
  });

  it('count a login per source: the workstation itself, an IPv4 address, an IPv6 /64', () => {
    expect(attemptKey('V100001', null)).toBe('V100001');
    expect(attemptKey('V100001', sourceOfAddress('203.0.113.9'))).toBe('V100001 from 203.0.113.9');
    expect(sourceOfAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    // Every address of one /64 is one source: a machine given a /64 draws no fresh counters.
    expect(sourceOfAddress('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(sourceOfAddress('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:1::/64');
    expect(sourceOfAddress('2001:db8::1%eth0')).toBe('2001:db8:0:0::/64');
    expect(sourceOfAddress('::1')).toBe('0:0:0:0::/64');
    expect(sourceOfAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(sourceOfAddress(undefined)).toBe('unknown');
  });

  it('wait from the last failure: none before, the rest of the delay after', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    expect(waitBeforeAttempt(null, at)).toBe(0);
    expect(waitBeforeAttempt({ failures: 4, lastFailureAt: new Date(at.getTime() - 500) }, at)).toBe(1500);
    expect(waitBeforeAttempt({ failures: 4, lastFailureAt: new Date(at.getTime() - 5000) }, at)).toBe(0);
  });
});

describe('temporary passwords', () => {
  it('are 20 characters from an alphabet without look-alikes, and differ every time', () => {
    const passwords = Array.from({ length: 200 }, () => generateTemporaryPassword());
    for (const p of passwords) expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
    expect(new Set(passwords).size).toBe(200);
  });
});

describe('recovery rules', () => {
  it.each([
    ['Dominique.Test@demo-forge.example', true],
    ['dominique.test@demo-forge.example', false],
    [' Dominique.Test@demo-forge.example', false],
    ['Dominique.Test@demo-forge.example ', false],
  ])('e-mail %j matches the registered one: %s', (typed, expected) => {
    expect(emailMatchesExactly(typed, 'Dominique.Test@demo-forge.example')).toBe(expected);
  });

  it('caps requests per hour', () => {
    expect(withinRecoveryCap(4, 5)).toBe(true);
    expect(withinRecoveryCap(5, 5)).toBe(false);
  });
});
