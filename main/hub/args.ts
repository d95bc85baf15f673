// Command-line options of the hub (`npm run hub -- --help`). Every mistake gets a sentence
// saying how to fix it.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { newAgentProblem } from '../portal/desk/new-agent';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import { DEFAULT_DEVICE_QUOTA, type DeviceQuota } from './device-quota';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  mailSettingsSchema,
  type MailSettings,
} from '../../preload/contract/schemas/mail-settings';

export interface HubArgs {
  command:
    | 'serve'
    | 'register-desk'
    | 'create-agent'
    | 'import'
    | 'export'
    | 'backup'
    | 'restore'
    | 'deactivate-agent'
    | 'revoke-device'
    | 'list-devices';
  /** create-agent: who (the password comes on standard input, never in the arguments). */
  agent: { username: string; fullName: string; email: string } | null;
  /** deactivate-agent: the agent's user name; revoke-device: the device's id. */
  target: string | null;
  /** The backup file, for backup (written) and restore (read). */
  file: string | null;
  dataDir: string | null;
  databaseUrl: string | null;
  host: string;
  port: number;
  cert: string | null;
  key: string | null;
  insecureHttp: boolean;
  demo: boolean;
  /** The relay the hub sends e-mails through (null: they wait in its outbox). */
  mail: MailSettings | null;
  /** Where every request reaching the hub is e-mailed (null: it reaches the desks' queues only). */
  assistance: string | null;
  /** What each supplier device may send (issue 24: one device once filled the hub's disk). */
  quota: DeviceQuota;
  /** Free bytes on the data folder's disk under which the hub takes no call (0: not checked). */
  minFreeBytes: number;
  help: boolean;
}

const MB = 1024 * 1024;
export const DEFAULT_MIN_FREE_MB = 200;

export const HUB_USAGE = `Usage: npm run hub -- [command] [options]

The portal hub: the shared system of record that workstations sync with (API under /v1).

Commands:
  serve (default)     run the hub
  register-desk       register a desk workstation and print its device token, once (an agent's
                      login in Settings › Portal hub enrols one too)
  create-agent --username NAME --name "Full Name" --email ADDRESS
                      create an assistance agent on the hub, password on standard input; the
                      agent's login enrols desk workstations
  import FILE         read a directory file into the hub (CSV or JSON Lines, by its extension: the
                      formats of the desk's import); companies are added or updated, passwords and
                      account states kept
  export FILE         write the hub's directory to FILE (CSV or JSON Lines), no password in it
  deactivate-agent NAME
                      the agent can no longer log in, their links to desk workstations end, and
                      the desk workstations they enrolled are revoked
  revoke-device ID    the device (an id from list-devices) gets "revoked" (401) on every call
                      from now on; its workstation stops syncing and says so, keeping what waits
  list-devices        every device: id, kind, who enrolled it, the agents who may act on it,
                      created, last seen, revoked
                      (with an embedded database, these three need the hub stopped, as backup does)
  backup FILE         write a consistent backup of the hub's database to FILE (gzip'd JSON Lines;
                      the hub may be running on a database by URL; stop an embedded one first)
  restore FILE        load FILE into an empty hub database (a new --data-dir or --database-url)

Options:
  --data-dir DIR      the hub's folder (default: this user's app data folder, "B2B Portal Hub");
                      the embedded PostgreSQL lives in DIR/postgres
  --database-url URL  use this PostgreSQL server instead of the embedded one (also DATABASE_URL),
                      e.g. postgres://hub:secret@db.example.com:5432/hub?sslmode=require
  --host ADDR         address to listen on (default 127.0.0.1)
  --port N            port (default 4700; 0 picks a free one)
  --cert FILE --key FILE
                      serve HTTPS with this certificate and private key (PEM)
  --insecure-http     allow plain HTTP on an address other than loopback (behind a TLS proxy only)
  --no-demo           do not load the demo directory into an empty hub
  --smtp URL          the mail relay the hub sends e-mails through: smtps://[user@]host[:465] (TLS),
                      smtp://[user@]host[:587] (STARTTLS), or smtp://127.0.0.1:PORT (a relay on this
                      computer, plain); the relay password in HUB_SMTP_PASSWORD. Without it,
                      e-mails wait in the hub's outbox
  --mail-from ADDR    the sender of the hub's e-mails (needed with --smtp)
  --assistance ADDR   the portal assistance's address: every request reaching the hub is e-mailed
                      there, with its document or screenshot. Without it, requests reach the desks'
                      queues only
  --quota-requests-per-hour N
                      requests (intents) one supplier workstation may send an hour (default ${DEFAULT_DEVICE_QUOTA.requestsPerHour});
                      past it, or past the bytes below, its pushes are answered 429 with when to come
                      back, and what it sends waits on it. Desk workstations have no quota
  --quota-mb-per-day N
                      megabytes one supplier workstation may send a day (default ${DEFAULT_DEVICE_QUOTA.bytesPerDay / MB})
  --min-free-mb N     free space (MB) the disk of the data folder keeps: under it every call is
                      answered 503 "out of space" and /v1/health fails, until there is space again
                      (default ${DEFAULT_MIN_FREE_MB}; 0: not checked; not checked with --database-url)

Environment:
  DATABASE_URL        as --database-url
  HUB_SECRET_KEY      32 bytes in base64 that seal e-mailed secrets until they leave; give every hub
                      of one database the same (default: DIR/secret.key, made once)
  HUB_SMTP_PASSWORD   the relay password for --smtp
  HUB_QUOTA_REQUESTS_PER_HOUR, HUB_QUOTA_MB_PER_DAY, HUB_MIN_FREE_MB
                      as the options of the same names
  --help              show this text`;

export class HubArgsError extends Error {}

const COMMANDS = [
  'serve',
  'register-desk',
  'create-agent',
  'import',
  'export',
  'backup',
  'restore',
  'deactivate-agent',
  'revoke-device',
  'list-devices',
] as const;

/** The one argument after a command that names an agent or a device, checked with an example. */
const TARGETS: Record<string, { takes: string; noun: string; example: string; form: RegExp }> = {
  'deactivate-agent': {
    takes: "the agent's user name",
    noun: "an agent's user name (such as desk.ana)",
    example: 'deactivate-agent desk.ana',
    form: DESK_USERNAME,
  },
  'revoke-device': {
    takes: "the device's id (list-devices shows them)",
    noun: 'a device id (such as dev_3kTq8ZxY1pW0aBcD; list-devices shows them)',
    example: 'revoke-device dev_3kTq8ZxY1pW0aBcD',
    form: /^dev_[\w-]{16}$/,
  },
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function parseHubArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): HubArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'insecure-http': { type: 'boolean' },
        'no-demo': { type: 'boolean' },
        smtp: { type: 'string' },
        'mail-from': { type: 'string' },
        assistance: { type: 'string' },
        'quota-requests-per-hour': { type: 'string' },
        'quota-mb-per-day': { type: 'string' },
        'min-free-mb': { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new HubArgsError(`${(error as Error).message.split('\n')[0]}\n\n${HUB_USAGE}`);
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? 'serve';
  if (!(COMMANDS as readonly string[]).includes(command))
    throw new HubArgsError(`Unknown command "${command}": use ${COMMANDS.join(', ')}.\n\n${HUB_USAGE}`);
  const takesFile = ['backup', 'restore', 'import', 'export'].includes(command);
  if (takesFile && positionals.length !== 2)
    throw new HubArgsError(`${command} takes one file: npm run hub -- ${command} FILE`);
  const targetRule = TARGETS[command];
  if (!takesFile && !targetRule && positionals.length > 1)
    throw new HubArgsError(`${command} takes no file.\n\n${HUB_USAGE}`);
  let target: string | null = null;
  if (targetRule) {
    if (positionals.length !== 2)
      throw new HubArgsError(`${command} takes ${targetRule.takes}: npm run hub -- ${targetRule.example}`);
    // An agent's user name is lower case, as at create-agent; a device id is case-sensitive.
    target = command === 'deactivate-agent' ? positionals[1]!.trim().toLowerCase() : positionals[1]!;
    if (!targetRule.form.test(target))
      throw new HubArgsError(`"${positionals[1]}" is not ${targetRule.noun}: npm run hub -- ${targetRule.example}`);
  }
  const portText = values.port ?? '4700';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
    throw new HubArgsError(`--port must be a whole number from 0 to 65535 (got "${portText}").`);
  const databaseUrl = values['database-url'] ?? env['DATABASE_URL'] ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new HubArgsError('--database-url (or DATABASE_URL) must start with postgres:// or postgresql://.');
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new HubArgsError('--cert and --key go together: give both files for HTTPS, or neither.');
  const host = values.host ?? '127.0.0.1';
  const tls = values.cert !== undefined;
  if (!tls && !LOOPBACK.test(host) && !values['insecure-http'])
    throw new HubArgsError(
      `Plain HTTP on ${host} would send device tokens in clear: give --cert and --key, or --insecure-http if a TLS proxy stands in front.`,
    );
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') throw new HubArgsError('--data-dir needs a folder path.');
  const mail = mailOf(values.smtp, values['mail-from']);
  const assistance = values.assistance ?? null;
  if (assistance !== null && !z.email().safeParse(assistance).success)
    throw new HubArgsError(
      `--assistance must be an e-mail address, such as assistance@example.com (got "${assistance}").`,
    );
  const quota: DeviceQuota = {
    requestsPerHour: wholeNumber(values, env, 'quota-requests-per-hour', DEFAULT_DEVICE_QUOTA.requestsPerHour, 1),
    bytesPerDay: wholeNumber(values, env, 'quota-mb-per-day', DEFAULT_DEVICE_QUOTA.bytesPerDay / MB, 1) * MB,
  };
  const minFreeBytes = wholeNumber(values, env, 'min-free-mb', DEFAULT_MIN_FREE_MB, 0) * MB;
  let agent: HubArgs['agent'] = null;
  if (command === 'create-agent') {
    agent = { username: (values.username ?? '').toLowerCase(), fullName: values.name ?? '', email: values.email ?? '' };
    const problem = newAgentProblem(agent);
    if (problem) throw new HubArgsError(problem);
  }
  return {
    command: command as HubArgs['command'],
    agent,
    target,
    file: takesFile ? positionals[1]! : null,
    dataDir: dataDir ?? null,
    databaseUrl,
    host,
    port: Number(portText),
    cert: values.cert ?? null,
    key: values.key ?? null,
    insecureHttp: values['insecure-http'] ?? false,
    demo: !values['no-demo'],
    mail,
    assistance,
    quota,
    minFreeBytes,
    help: values.help ?? false,
  };
}

/** A whole-number option, or the environment variable of the same name (HUB_ and upper case). */
function wholeNumber(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  option: string,
  fallback: number,
  min: number,
): number {
  const variable = `HUB_${option.toUpperCase().replaceAll('-', '_')}`;
  const given = values[option];
  const text = typeof given === 'string' ? given : env[variable];
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min)
    throw new HubArgsError(`--${option} (or ${variable}) must be a whole number from ${min} on (got "${text}").`);
  return Number(text);
}

/** --smtp and --mail-from as the workstations' relay settings, checked by the same schema. */
function mailOf(smtp: string | undefined, from: string | undefined): MailSettings | null {
  if (smtp === undefined && from === undefined) return null;
  if (smtp === undefined || from === undefined)
    throw new HubArgsError('--smtp and --mail-from go together: the relay, and the address the e-mails come from.');
  let url: URL;
  try {
    url = new URL(smtp);
  } catch {
    throw new HubArgsError(`--smtp must be a URL such as smtps://relay.example.com:465 (got "${smtp}").`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new HubArgsError(`--smtp starts with smtp:// or smtps:// (got "${url.protocol}//").`);
  if (url.password)
    throw new HubArgsError(
      'Put the relay password in HUB_SMTP_PASSWORD, not in --smtp (a command line is visible to others).',
    );
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host);
  const parsed = mailSettingsSchema.safeParse({
    assistanceAddress: from,
    fromAddress: from,
    host,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    security: url.protocol === 'smtps:' ? 'tls' : loopback ? 'none' : 'starttls',
    user: decodeURIComponent(url.username),
    maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  });
  if (!parsed.success)
    throw new HubArgsError(
      `--smtp/--mail-from: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`,
    );
  return parsed.data;
}
