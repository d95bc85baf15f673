// `npm run hub`: the portal hub on PostgreSQL (embedded by default, or --database-url).
import { processClock } from '../clock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackupRefused, backupHub, restoreHub } from './backup';
import { createHubAgent } from './agents';
import { exportHubToFile, importFileToHub } from './directory-file';
import { describeRejection } from '../portal/directory/import-problems';
import { agentPasswordProblem } from '../portal/desk/new-agent';
import { connectHubDatabase } from './database';
import { registerDevice } from './devices';
import { deviceCommand, isDeviceCommand } from './device-commands';
import { loadDemoDirectoryIfEmpty } from './directory';
import { HubArgsError, HUB_USAGE, parseHubArgs } from './args';
import { createHubMailer, createSecretBox, existingSecretKey, keyIdOf, loadSecretKey } from './mail';
import { createHubServer } from './server';
import { createDiskGuard } from './disk-space';
import { hubServices, loadCommonPasswords } from './services';
import { defaultDataDir } from '../paths';

async function main(): Promise<void> {
  let args;
  try {
    args = parseHubArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof HubArgsError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (args.help) return console.log(HUB_USAGE);

  const dataDir = args.dataDir ?? `${defaultDataDir()} Hub`;
  const tls = args.cert && args.key ? { cert: readFileSync(args.cert), key: readFileSync(args.key) } : null;
  const db = await connectHubDatabase({
    databaseUrl: args.databaseUrl,
    dataDir,
    log: console.error,
    onFatal: (reason) => {
      console.error(`hub: ${reason} Exiting, so that the service manager starts the hub again.`);
      process.exit(1);
    },
  });
  if (args.command === 'backup' || args.command === 'restore') {
    try {
      // A restore makes no key of its own: the backup's waiting e-mails need the one they were sealed with.
      const key = args.command === 'backup' ? loadSecretKey(dataDir) : existingSecretKey(dataDir);
      const keyId = key ? keyIdOf(key) : null;
      const summary =
        args.command === 'backup'
          ? await backupHub(db.pool, args.file!, keyId)
          : await restoreHub(db.pool, args.file!, keyId);
      const counts = Object.entries(summary.rows)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ');
      console.log(`hub: ${args.command === 'backup' ? 'backed up to' : 'restored from'} ${args.file} (${counts})`);
      if (args.command === 'backup' && summary.sealed > 0)
        console.log(
          `hub: ${summary.sealed} e-mail(s) wait with a sealed temporary password: a restore needs this hub's key ${keyId} ` +
            `(${process.env['HUB_SECRET_KEY'] ? 'HUB_SECRET_KEY' : join(dataDir, 'secret.key')}). Keep a copy of it, apart from the backup.`,
        );
    } catch (error) {
      console.error(
        error instanceof BackupRefused ? error.message : `The ${args.command} failed: ${(error as Error).message}`,
      );
      process.exitCode = 1;
    }
    return db.close();
  }
  if (args.command === 'import' || args.command === 'export') {
    try {
      if (args.command === 'export') {
        console.log(`hub: ${await exportHubToFile(db.pool, args.file!)} companies written to ${args.file}`);
      } else {
        const report = await importFileToHub(db.pool, args.file!, (rows, written) =>
          process.stdout.write(`\r${rows} rows read, ${written} companies written`),
        );
        console.log(`\nhub: ${report.rows} rows read, ${report.companies} companies written from ${args.file}`);
        for (const r of report.rejected)
          console.log(`rejected${r.line ? ` line ${r.line}` : ''}: ${describeRejection(r)}`);
        if (report.rejectedTotal > report.rejected.length)
          console.log(`… and ${report.rejectedTotal - report.rejected.length} more rows rejected`);
      }
    } catch (error) {
      console.error(`The ${args.command} failed: ${(error as Error).message}`);
      process.exitCode = 1;
    }
    return db.close();
  }
  if (args.command === 'create-agent') {
    const password = readFileSync(0, 'utf8').split('\n')[0] ?? '';
    const refused = agentPasswordProblem(args.agent!, password, loadCommonPasswords());
    if (refused) {
      console.error(refused);
      process.exitCode = 2;
    } else if (await createHubAgent(db.pool, { ...args.agent!, password })) {
      console.log(
        `Desk agent ${args.agent!.username} created on the hub: their login in Settings › Portal hub enrols a desk workstation.`,
      );
    } else {
      console.error(`The agent ${args.agent!.username} exists already.`);
      process.exitCode = 1;
    }
    return db.close();
  }
  if (isDeviceCommand(args.command)) {
    const { out, exitCode } = await deviceCommand(db.pool, args.command, args.target);
    (exitCode === 0 ? console.log : console.error)(out);
    process.exitCode = exitCode;
    return db.close();
  }
  if (args.command === 'register-desk') {
    const { deviceId, token } = await registerDevice(db.pool, 'desk');
    console.log(`desk device ${deviceId}\ntoken (shown once; give it to the workstation): ${token}`);
    return db.close();
  }
  if (args.demo) {
    const loaded = await loadDemoDirectoryIfEmpty(
      db.pool,
      join(__dirname, '..', '..', 'resources', 'demo', 'directory.json'),
    );
    if (loaded > 0) console.log(`hub: loaded the demo directory (${loaded} companies)`);
  }
  const box = createSecretBox(loadSecretKey(dataDir));
  const mailer = createHubMailer({
    pool: db.pool,
    box,
    settings: args.mail,
    password: process.env['HUB_SMTP_PASSWORD'] ?? null,
    log: console.error,
  });
  mailer.start();
  const services = hubServices({
    box,
    assistanceAddress: args.assistance,
    mailRelay: args.mail !== null,
    mailQueued: () => mailer.kick(),
    now: processClock(),
  });
  // The embedded PostgreSQL writes in the data folder: its disk is measured. A database by URL
  // has a disk of its own, whose "full" the hub learns from its errors (SQLSTATE 53100).
  const disk = createDiskGuard({
    dir: args.databaseUrl ? null : dataDir,
    minFreeBytes: args.minFreeBytes,
    now: services.now,
    log: console.error,
  });
  const server = createHubServer({ pool: db.pool, tls, log: console.error, services, quota: args.quota, disk });
  const stop = () => {
    mailer.stop();
    server.close(() => void db.close().then(() => process.exit(0)));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${args.port} is already in use: choose another with --port, or --port 0 for any free one.`
        : `The hub could not start: ${error.message}`,
    );
    void db.close().then(() => process.exit(1));
  });
  server.listen(args.port, args.host, () => {
    const { port } = server.address() as { port: number };
    console.log(`hub: database ${db.describe}`);
    console.log(
      `hub: running at ${tls ? 'https' : 'http'}://${args.host.includes(':') ? `[${args.host}]` : args.host}:${port}/v1/`,
    );
  });
}

void main().catch((error: unknown) => {
  console.error(`The hub could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
