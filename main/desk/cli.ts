// `npm run desk -- COMMAND`: the support desk's command line.
//   create-agent --data-dir DIR --username NAME --name "Full Name" --email ADDRESS   (password on stdin)
//   import FILE --data-dir DIR [--json]       (CSV or JSON Lines, by the file's extension; --json:
//                                             the report as one JSON object, for scripts)
//   export FILE --data-dir DIR                (the same formats)
//   unblock-agent --data-dir DIR --username NAME   (an agent blocked after 10 failed logins)
//   backup --data-dir DIR                     (a backup now, next to the rolling ones)
//   backups --data-dir DIR                    (the backups kept, newest first)
//   restore --data-dir DIR [--from FILE]      (the latest backup, or FILE, in place of the store)
//   accept-store --data-dir DIR               (keep a store the app refused, as it is now)
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseBlocklist } from '../portal/accounts/password-policy';
import { agentPasswordProblem, newAgentProblem } from '../portal/desk/new-agent';
import { toCsv, toJsonLines } from '../portal/directory/file-formats';
import { describeConflict, describeImport, describeRejection } from '../portal/directory/import-problems';
import { hashPassword } from '../secrets/password-hasher';
import { STORE_FILE } from '../paths';
import { acceptStore, backupStore, listBackups, restoreBackup } from '../store/backups';
import { openStore } from '../store/database';
import { describeRows } from '../store/store-guard';
import { createAccountsRepository } from '../store/accounts';
import { createDeskRepository } from '../store/desk';
import { createDirectoryRepository } from '../store/directory';
import { exportDirectory } from '../store/directory-import';
import { startDirectoryImport } from '../services/directory-import-job';
import { unblockAgent } from '../services/desk';

const USAGE = `Usage:
  desk create-agent --data-dir DIR --username NAME --name "Full Name" --email ADDRESS   (password on standard input)
  desk import FILE.csv|FILE.jsonl --data-dir DIR [--json]   (--json: the report as JSON, for scripts)
  desk export FILE.csv|FILE.jsonl --data-dir DIR
  desk unblock-agent --data-dir DIR --username NAME
  desk backup --data-dir DIR
  desk backups --data-dir DIR
  desk restore --data-dir DIR [--from FILE]     (with the app closed; the replaced files are kept)
  desk accept-store --data-dir DIR              (with the app closed; keeps a refused store as it is)`;

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      from: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [command, file] = positionals;
  const dataDir = values['data-dir'] ?? fail(`--data-dir is required.\n\n${USAGE}`);
  const storeFile = join(dataDir, STORE_FILE);
  if (!existsSync(dataDir)) fail(`There is no data folder at ${dataDir} (--data-dir).`);
  // These work on a store the app refused to open, so they do not open it first.
  if (command === 'restore') {
    const result = restoreBackup(storeFile, new Date(), values.from);
    console.log(`Restored ${result.from} (${describeRows(result.rows)}).`);
    if (result.setAside) console.log(`The files it replaced are kept in ${result.setAside}.`);
    return;
  }
  if (command === 'accept-store') {
    const result = acceptStore(storeFile, new Date());
    console.log(
      'The store will open as it is now.' +
        (result.setAside ? ` A copy of its files is kept in ${result.setAside}.` : ''),
    );
    return;
  }
  if (command === 'backups') {
    const backups = listBackups(storeFile);
    if (backups.length === 0) console.log(`No backup yet in ${join(dataDir, 'backups')}.`);
    for (const b of backups) console.log(`${b.takenAt.toISOString()}  ${b.file}`);
    return;
  }
  const db = openStore(storeFile);
  try {
    if (command === 'create-agent') {
      const username = (values.username ?? '').toLowerCase();
      const agent = { username, fullName: values.name ?? '', email: values.email ?? '' };
      const problem = newAgentProblem(agent);
      if (problem) fail(problem);
      const password = readFileSync(0, 'utf8').split('\n')[0] ?? '';
      const blocklist = parseBlocklist(
        readFileSync(join(__dirname, '..', '..', 'resources', 'passwords', 'common-passwords.txt'), 'utf8'),
      );
      const refused = agentPasswordProblem(agent, password, blocklist);
      if (refused) fail(refused);
      const desk = createDeskRepository(db);
      if (desk.agentByUsername(username)) fail(`The agent ${username} exists already.`);
      desk.createAgent(
        {
          username,
          fullName: values.name!.trim(),
          email: values.email!,
          passwordHash: await hashPassword(password),
          mustChange: false,
        },
        new Date(),
      );
      console.log(`Desk agent ${username} created: log in with this user name on the login screen.`);
    } else if (command === 'unblock-agent') {
      const username = (values.username ?? '').toLowerCase();
      const result = unblockAgent(
        { db, desk: createDeskRepository(db), accounts: createAccountsRepository(db) },
        username,
        'command line',
        new Date(),
      );
      if (!result) fail(`No assistance agent is named "${username}" (--username).`);
      console.log(
        result!.unblocked
          ? `${username} is unblocked and can log in again.`
          : `${username} is not blocked: nothing to do.`,
      );
    } else if (command === 'backup') {
      const result = await backupStore(db, storeFile, new Date());
      console.log(`Backup written to ${result.file} (${describeRows(result.rows)}).`);
    } else if (command === 'import' && file) {
      // Read as a stream: a directory file of any size, companies written while it is read.
      const directory = createDirectoryRepository(db);
      const job = startDirectoryImport(
        db,
        file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl',
        (c) => directory.companyByCofor(c) !== null,
        new Date(),
      );
      for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
        job.write(chunk as string);
        const counts = job.counts();
        if (!values.json) process.stdout.write(`\r${counts.rows} rows read, ${counts.written} companies written`);
      }
      const report = job.finish();
      // People read words; a script asks for --json and gets the report alone, as one object.
      if (values.json) {
        console.log(JSON.stringify(report));
        return;
      }
      console.log(`\n${describeImport(report)}`);
      for (const r of report.rejected)
        console.log(`rejected${r.line ? ` line ${r.line}` : ''}: ${describeRejection(r)}`);
      if (report.rejectedTotal > report.rejected.length)
        console.log(`… and ${report.rejectedTotal - report.rejected.length} more rows rejected`);
      for (const c of report.conflicts) console.log(`not imported ${c.cofor}: ${describeConflict(c)}`);
    } else if (command === 'export' && file) {
      const companies = exportDirectory(db);
      writeFileSync(file, file.endsWith('.csv') ? toCsv(companies) : toJsonLines(companies));
      console.log(`${companies.length} companies written to ${file}`);
    } else {
      fail(USAGE);
    }
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
