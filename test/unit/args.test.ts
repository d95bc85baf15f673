import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgsError, parseWebHostArgs, USAGE } from '../../main/http/args';

const WEB_HOST = resolve(__dirname, '..', '..', 'dist', 'main', 'web.cjs');

describe('npm run web options', () => {
  it('has defaults', () => {
    expect(parseWebHostArgs([])).toEqual({
      port: 4650,
      dataDir: null,
      demo: true,
      keychainName: null,
      passwordStore: 'auto',
      hub: null,
      help: false,
    });
  });

  it('reads --port, --data-dir and --no-demo', () => {
    expect(parseWebHostArgs(['--port', '0', '--data-dir', '/tmp/x', '--no-demo'])).toEqual({
      port: 0,
      dataDir: '/tmp/x',
      demo: false,
      keychainName: null,
      passwordStore: 'auto',
      hub: null,
      help: false,
    });
    expect(parseWebHostArgs(['--port=8080'])).toMatchObject({ port: 8080 });
  });

  it('reads --hub: https, or http to this computer, kept without a trailing slash', () => {
    expect(parseWebHostArgs(['--hub', 'https://hub.example.com/'])).toMatchObject({ hub: 'https://hub.example.com' });
    expect(parseWebHostArgs(['--hub', 'http://127.0.0.1:4700'])).toMatchObject({ hub: 'http://127.0.0.1:4700' });
  });

  it('reads --password-store: keychain or file forces one, auto by default; --help names it', () => {
    expect(parseWebHostArgs(['--password-store', 'file'])).toMatchObject({ passwordStore: 'file' });
    expect(parseWebHostArgs(['--password-store=keychain'])).toMatchObject({ passwordStore: 'keychain' });
    expect(USAGE).toMatch(/--password-store auto\|keychain\|file/);
  });

  it.each([
    [['--password-store', 'basic'], /--password-store takes auto, keychain or file \(got "basic"\)/],
    [['--password-store'], /--password-store/],
    [['--port', 'abc'], /--port must be a whole number from 0 to 65535/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--port', '-1'], /--port/],
    [['--data-dir', ' '], /--data-dir needs a folder path/],
    [['--colour'], /Unknown option '--colour'[\s\S]*Usage/],
    [['stray'], /positional[\s\S]*Usage/],
    [['--keychain-name', 'a/b'], /--keychain-name takes/],
    [['--hub', 'hub.example.com'], /--hub takes the hub's address/],
    [['--hub', 'http://hub.example.com'], /must be an https:\/\/ address/],
    [['--hub', 'https://u:p@hub.example.com'], /no user, password/],
  ])('explains %j', (argv, message) => {
    expect(() => parseWebHostArgs(argv)).toThrow(ArgsError);
    expect(() => parseWebHostArgs(argv)).toThrow(message);
  });

  it.skipIf(!existsSync(WEB_HOST))('--help names every hub option and variable, and how a desk is enrolled', () => {
    const help = execFileSync(process.execPath, [WEB_HOST, '--help'], { encoding: 'utf8' });
    for (const word of [
      '--hub URL',
      'PORTAL_HUB_DESK_TOKEN',
      'register-desk',
      'Settings › Portal hub',
      "supplier's PC",
      '--keychain-name',
      'DATABASE_URL',
      'HUB_SECRET_KEY',
      'HUB_SMTP_PASSWORD',
      'npm run hub -- --help',
    ])
      expect(help).toContain(word);
  });
});
