// The hub's command line (`npm run hub -- --help`): every option checked, with a sentence that
// says how to fix a mistake; never a password on the command line, never plain HTTP off loopback
// unless asked.
import { describe, expect, it } from 'vitest';
import { HUB_USAGE, parseHubArgs } from '../../main/hub/args';

describe('the hub command line', () => {
  it('documents every option, and refuses plain HTTP off loopback or half a certificate', () => {
    expect(() => parseHubArgs(['--help'])).not.toThrow();
    expect(() => parseHubArgs(['--host', '0.0.0.0'], {})).toThrow(/--cert and --key, or --insecure-http/);
    expect(parseHubArgs(['--host', '0.0.0.0', '--insecure-http'], {}).insecureHttp).toBe(true);
    expect(() => parseHubArgs(['--cert', 'c.pem'], {})).toThrow(/go together/);
    expect(() => parseHubArgs(['--database-url', 'mysql://x'], {})).toThrow(/postgres:\/\//);
    expect(parseHubArgs([], { DATABASE_URL: 'postgres://h/db' }).databaseUrl).toBe('postgres://h/db');
    expect(() => parseHubArgs(['--port', '70000'], {})).toThrow(/0 to 65535/);
    expect(() => parseHubArgs(['launch'], {})).toThrow(/Unknown command/);
    expect(parseHubArgs(['backup', 'hub.jsonl.gz'], {})).toMatchObject({ command: 'backup', file: 'hub.jsonl.gz' });
    // The relay: checked as the workstations' relay settings are; never a password on the command line.
    expect(
      parseHubArgs(['--smtp', 'smtp://127.0.0.1:2525', '--mail-from', 'hub@portal.example'], {}).mail,
    ).toMatchObject({ host: '127.0.0.1', port: 2525, security: 'none', fromAddress: 'hub@portal.example' });
    expect(
      parseHubArgs(['--smtp', 'smtps://hub@relay.example.com', '--mail-from', 'hub@portal.example'], {}).mail,
    ).toMatchObject({ host: 'relay.example.com', port: 465, security: 'tls', user: 'hub' });
    expect(
      parseHubArgs(['--smtp', 'smtp://relay.example.com', '--mail-from', 'hub@portal.example'], {}).mail,
    ).toMatchObject({ port: 587, security: 'starttls' });
    expect(() => parseHubArgs(['--smtp', 'smtp://127.0.0.1:2525'], {})).toThrow(/go together/);
    expect(() =>
      parseHubArgs(['--smtp', 'smtp://u:secret@relay.example.com', '--mail-from', 'a@b.example'], {}),
    ).toThrow(/HUB_SMTP_PASSWORD/);
    expect(() => parseHubArgs(['--smtp', 'http://relay.example.com', '--mail-from', 'a@b.example'], {})).toThrow(
      /smtp:\/\/ or smtps:\/\//,
    );
    expect(() => parseHubArgs(['--smtp', 'smtp://127.0.0.1:2525', '--mail-from', 'not-an-address'], {})).toThrow(
      /fromAddress email.format/,
    );
    expect(parseHubArgs(['--assistance', 'assistance@portal.example'], {}).assistance).toBe(
      'assistance@portal.example',
    );
    expect(parseHubArgs([], {}).assistance).toBeNull(); // requests reach the desks' queues only
    expect(() => parseHubArgs(['--assistance', 'assistance'], {})).toThrow(/--assistance must be an e-mail address/);
    expect(() => parseHubArgs(['restore'], {})).toThrow(/restore takes one file/);
    expect(() => parseHubArgs(['serve', 'x'], {})).toThrow(/takes no file/);
  });

  it('takes one agent or device for deactivate-agent and revoke-device, checked, and nothing for list-devices', () => {
    expect(parseHubArgs(['deactivate-agent', 'Desk.Ana'], {})).toMatchObject({
      command: 'deactivate-agent',
      target: 'desk.ana', // user names are lower case, as at create-agent
    });
    expect(() => parseHubArgs(['deactivate-agent'], {})).toThrow(
      /deactivate-agent takes the agent's user name: npm run hub -- deactivate-agent desk\.ana/,
    );
    expect(() => parseHubArgs(['deactivate-agent', 'desk.ana', 'desk.bob'], {})).toThrow(/takes the agent's user name/);
    expect(() => parseHubArgs(['deactivate-agent', 'ana'], {})).toThrow(/"ana" is not an agent's user name/);
    expect(parseHubArgs(['revoke-device', 'dev_3kTq8ZxY1pW0aBcD'], {})).toMatchObject({
      command: 'revoke-device',
      target: 'dev_3kTq8ZxY1pW0aBcD', // a device id keeps its case
    });
    expect(() => parseHubArgs(['revoke-device'], {})).toThrow(/revoke-device takes the device's id \(list-devices/);
    expect(() => parseHubArgs(['revoke-device', 'desk.ana'], {})).toThrow(/"desk\.ana" is not a device id/);
    expect(parseHubArgs(['list-devices'], {})).toMatchObject({ command: 'list-devices', target: null });
    expect(() => parseHubArgs(['list-devices', 'x'], {})).toThrow(/list-devices takes no/);
    expect(parseHubArgs(['serve'], {}).target).toBeNull();
    for (const command of ['deactivate-agent NAME', 'revoke-device ID', 'list-devices'])
      expect(parseHubArgs(['--help'], {}).help && HUB_USAGE).toContain(command);
  });

  it("sets a supplier device's quota and the disk's minimum free space, by option or environment", () => {
    const MB = 1024 * 1024;
    expect(parseHubArgs([], {})).toMatchObject({
      quota: { requestsPerHour: 30, bytesPerDay: 100 * MB },
      minFreeBytes: 200 * MB,
    });
    expect(
      parseHubArgs(['--quota-requests-per-hour', '60', '--quota-mb-per-day', '250', '--min-free-mb', '0'], {}),
    ).toMatchObject({ quota: { requestsPerHour: 60, bytesPerDay: 250 * MB }, minFreeBytes: 0 });
    expect(
      parseHubArgs([], { HUB_QUOTA_REQUESTS_PER_HOUR: '5', HUB_QUOTA_MB_PER_DAY: '10', HUB_MIN_FREE_MB: '1000' }),
    ).toMatchObject({ quota: { requestsPerHour: 5, bytesPerDay: 10 * MB }, minFreeBytes: 1000 * MB });
    // The option wins over the environment.
    expect(parseHubArgs(['--min-free-mb', '50'], { HUB_MIN_FREE_MB: '1000' }).minFreeBytes).toBe(50 * MB);
    expect(() => parseHubArgs(['--quota-requests-per-hour', '0'], {})).toThrow(
      /--quota-requests-per-hour \(or HUB_QUOTA_REQUESTS_PER_HOUR\) must be a whole number from 1 on \(got "0"\)/,
    );
    expect(() => parseHubArgs([], { HUB_QUOTA_MB_PER_DAY: '1.5' })).toThrow(/--quota-mb-per-day/);
    expect(() => parseHubArgs(['--min-free-mb', '-1'], {})).toThrow(/--min-free-mb/);
  });
});
