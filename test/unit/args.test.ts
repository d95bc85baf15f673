import { describe, expect, it } from 'vitest';
import { ArgsError, parseWebHostArgs } from '../../main/http/args';

describe('npm run web options', () => {
  it('has defaults', () => {
    expect(parseWebHostArgs([])).toEqual({ port: 4650, dataDir: null, demo: true, keychainName: null, help: false });
  });

  it('reads --port, --data-dir and --no-demo', () => {
    expect(parseWebHostArgs(['--port', '0', '--data-dir', '/tmp/x', '--no-demo'])).toEqual({
      port: 0,
      dataDir: '/tmp/x',
      demo: false,
      keychainName: null,
      help: false,
    });
    expect(parseWebHostArgs(['--port=8080'])).toMatchObject({ port: 8080 });
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number from 0 to 65535/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--port', '-1'], /--port/],
    [['--data-dir', ' '], /--data-dir needs a folder path/],
    [['--colour'], /Unknown option '--colour'[\s\S]*Usage/],
    [['stray'], /positional[\s\S]*Usage/],
    [['--keychain-name', 'a/b'], /--keychain-name takes/],
  ])('explains %j', (argv, message) => {
    expect(() => parseWebHostArgs(argv)).toThrow(ArgsError);
    expect(() => parseWebHostArgs(argv)).toThrow(message);
  });
});
