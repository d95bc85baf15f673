// A linked workstation keeps no directory of its own: the hub holds the people and the password
// hashes. Its SQLite file is read directly, after a link given with --hub at start and after a
// standalone PC with the demo was linked later from Settings (the demo is then forgotten).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AGENT, createAgent, expect, logIn, requireKeychain, test } from './fixtures';
import { syncUntilOnline, workstation } from './workstations';
import { testHub, type TestHub } from '../fixtures/hub-process';

// A demo store (three scrypt hashes) and an embedded PostgreSQL per test: allow a busy machine.
test.describe.configure({ timeout: 120_000 });

let hub: TestHub;
test.beforeEach(async () => {
  hub = await testHub();
  await hub.start();
});
test.afterEach(async () => {
  await hub.stop();
  hub.remove();
});

/** What the store of a data folder holds of people and passwords, read from its file. */
function storeOf(dataDir: string) {
  const db = new Database(join(dataDir, 'portal.sqlite'), { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      hashes: all('SELECT login FROM accounts WHERE password_hash IS NOT NULL'),
      temporaryPasswords: all('SELECT id FROM temporary_passwords'),
      people: all('SELECT email FROM people'),
      accounts: all('SELECT login FROM accounts'),
      // The demo's waiting request names fictional people: a desk's queue of the hub has it not.
      demoRequests: all(`SELECT reference FROM submissions WHERE payload LIKE '%placeholder-wiring.example%'`),
      demoBadge: all(`SELECT value FROM settings WHERE key = 'demo-data' AND value = '1'`),
    };
  } finally {
    db.close();
  }
}

/** The store's files (the database and its WAL), as bytes: no demo e-mail may be left in them. */
const rawStore = (dataDir: string) =>
  ['portal.sqlite', 'portal.sqlite-wal']
    .filter((f) => existsSync(join(dataDir, f)))
    .map((f) => readFileSync(join(dataDir, f)).toString('latin1'))
    .join('');

const EMPTY = { hashes: [], temporaryPasswords: [], people: [], accounts: [], demoRequests: [], demoBadge: [] };

test('a supplier PC started with --hub loads no demo directory: its store holds no person and no hash', async ({
  page,
}) => {
  await requireKeychain();
  const pc = await workstation(hub.url);
  try {
    await page.goto(pc.url);
    await syncUntilOnline(page);
    // The analysis is the hub's: A10001's access is open, though no person of it is here.
    await page.evaluate(() => (location.hash = '#/access'));
    await page.getByLabel('COFOR', { exact: true }).fill('A10001');
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await expect(page.locator('[data-stage="access"]')).toHaveAttribute('data-status', 'done');
    expect(storeOf(pc.dataDir)).toEqual(EMPTY);
    expect(rawStore(pc.dataDir)).not.toContain('demo-forge.example');
  } finally {
    await pc.close();
  }
});

test('a standalone PC with the demo, linked later from Settings, forgets the demo: no person, no hash left', async ({
  page,
  host,
}) => {
  await requireKeychain();
  // Standalone first: the demo directory, its three hashes, its waiting request.
  const before = storeOf(host.dataDir);
  expect(before.hashes).toHaveLength(3);
  expect(before.people.length).toBeGreaterThan(0);
  expect(before.demoRequests).toHaveLength(1);
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  // The demo's A10003, whose access the analysis says waits: its request is in this desk's queue.
  await expect(page.locator('tbody tr', { hasText: 'A10003' })).toContainText('Placeholder Wiring Lda');
  await page.evaluate(() => (location.hash = '#/settings'));
  const region = page.getByRole('region', { name: 'Portal hub' });
  await region.getByLabel('Hub address').fill(hub.url);
  await region.getByRole('button', { name: 'Save' }).click(); // no hub login: a supplier's PC
  await expect(page.getByTestId('hub-saved')).toContainText('Saved', { timeout: 40_000 });
  await expect(page.getByTestId('sync-indicator')).toContainText('Hub: online');
  expect(storeOf(host.dataDir)).toEqual(EMPTY);
  expect(rawStore(host.dataDir)).not.toContain('demo-forge.example');
  expect(rawStore(host.dataDir)).not.toContain('placeholder-wiring.example');
});
