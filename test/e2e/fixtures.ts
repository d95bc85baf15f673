// Each test gets the real browser host (`node dist/main/web.cjs`, built by `npm run build`) on
// a free port with a fresh data folder, and can restart it on the same folder.
import { test as base, expect, type Page } from '@playwright/test';
import axe from 'axe-core';
import Database from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createKeytarStore } from '../../main/secrets/keytar-store';
import { createDeskRepository } from '../../main/store/desk';
import { probeKeychain } from '../fixtures/keychain';
import { WEB_HOST_NODE_FLAGS } from '../fixtures/web-host-flags';

const HOST_SCRIPT = resolve(__dirname, '..', '..', 'dist', 'main', 'web.cjs');

export interface Host {
  url: string;
  dataDir: string;
  /** This host's own name in the OS keychain. */
  keychainName: string;
  restart(): Promise<void>;
  /** Moves the host's clock forward (a test with `movableClock: true`), as days passing would. */
  advanceClock(ms: number): void;
}

export function startHost(
  dataDir: string,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  port = 0,
): Promise<{ url: string; process: ChildProcess }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(
      process.execPath,
      [...WEB_HOST_NODE_FLAGS, HOST_SCRIPT, '--port', String(port), '--data-dir', dataDir, ...extraArgs],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      },
    );
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveStart({ url: match[1], process: child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${output}`));
    });
  });
}

export async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The file a host's clock offset is read from (main/clock.ts), beside its data folder. */
export const clockFileOf = (dataDir: string): string => `${dataDir}.clock`;

/** Moves a host's clock (started with PORTAL_CLOCK_FILE=clockFileOf(dataDir)) forward. */
export function advanceClockOf(dataDir: string, ms: number): void {
  const file = clockFileOf(dataDir);
  const offset = existsSync(file) ? Number(readFileSync(file, 'utf8')) : 0;
  writeFileSync(file, String(offset + ms));
}

export const test = base.extend<{
  host: Host;
  hostArgs: string[];
  hostEnv: Record<string, string>;
  movableClock: boolean;
}>({
  hostArgs: [[], { option: true }],
  hostEnv: [{}, { option: true }],
  movableClock: [false, { option: true }],
  host: async ({ hostArgs, hostEnv, movableClock }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
    const keychainName = `B2B Portal e2e ${basename(dataDir)}`;
    const args = ['--keychain-name', keychainName, ...hostArgs];
    const env = movableClock ? { ...hostEnv, PORTAL_CLOCK_FILE: clockFileOf(dataDir) } : hostEnv;
    let running = await startHost(dataDir, args, env);
    const host: Host = {
      url: running.url,
      dataDir,
      keychainName,
      // As `npm run web` does by default, the restarted host answers on the same port, so the
      // page keeps its origin (and what the window keeps, such as its visit).
      async restart() {
        await stopHost(running.process);
        running = await startHost(dataDir, args, env, Number(new URL(running.url).port));
        host.url = running.url;
      },
      advanceClock(ms) {
        if (!movableClock)
          throw new Error('This test did not ask for a movable clock (test.use({ movableClock: true })).');
        advanceClockOf(dataDir, ms);
      },
    };
    await use(host);
    await stopHost(running.process);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(clockFileOf(dataDir), { force: true });
    const keychain = createKeytarStore(keychainName);
    for (const key of await keychain.keys().catch(() => [])) await keychain.delete(key);
  },
});

export { expect };

let keychainProbe: Promise<string | null> | null = null;
/** Skips a test that stores secrets in the OS keychain where none answers (an optional part,
 * README), saying why; with PORTAL_REQUIRE_OPTIONAL=1 (CI) the probe throws and the test fails. */
export async function requireKeychain(): Promise<void> {
  keychainProbe ??= probeKeychain();
  const problem = await keychainProbe;
  test.skip(problem !== null, `No OS keychain here (${problem}): this test needs one.`);
}

/** Opens the app with the launch token, then goes to a route (`#/access`). */
export async function open(page: Page, host: Host, route = '#/'): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('h1')).toBeVisible();
  if (route !== '#/') await page.evaluate((r) => (location.hash = r), route);
}

/** axe-core on the current screen: its serious and critical violations. Run through the DevTools
 * protocol, so the app's CSP (which forbids injected scripts) stays as it is. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** No serious or critical axe violation on the current screen. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** What the host queued for an address, read from its store as an operator would. */
export function outboxFor(
  host: Host,
  to: string,
): Array<{ kind: string; subject: string; body: string; secretRef: string | null }> {
  const db = new Database(join(host.dataDir, 'portal.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT kind, subject, body_text AS body, secret_ref AS secretRef FROM outbox WHERE to_address = ? ORDER BY rowid',
      )
      .all(to) as never;
  } finally {
    db.close();
  }
}

/** The secret of a queued e-mail, from the OS keychain where the host keeps it. */
export async function keychainSecret(host: Host, key: string): Promise<string | null> {
  return createKeytarStore(host.keychainName).get(key);
}

export const DEMO = {
  plsa: {
    login: 'V100001',
    password: 'violet-harbour-lantern-42',
    email: 'camille.sample@demo-forge.example',
    cofor: 'A10001',
  },
  user: { login: 'V100002', password: 'quiet-meadow-compass-17', email: 'Dominique.Test@demo-forge.example' },
  blocked: { login: 'V100003', password: 'amber-river-thistle-83', email: 'eden.placeholder@demo-forge.example' },
} as const;

export async function logIn(page: Page, host: Host, login: string, password: string, remember = false): Promise<void> {
  await open(page, host, '#/login');
  await page.getByLabel('Login', { exact: true }).fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  if (remember) await page.getByLabel('Remember me on this workstation').check();
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Logs in on the French screens (the helpers speak English). */
export async function logInFr(page: Page, host: Host, login: string, password: string): Promise<void> {
  await open(page, host, '#/login');
  await page.getByLabel('Identifiant', { exact: true }).fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Signs out through the header's menu. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('header-menu').click();
  await page.getByTestId('sign-out').click();
}

/** Picks a language in the header's menu. */
export async function chooseLanguage(page: Page, code: string): Promise<void> {
  await page.getByTestId('header-menu').click();
  await page.locator('#header-menu-panel select').selectOption(code);
}

export const AGENT = { username: 'desk.ana', password: 'orange kettle mountain river' } as const;

/** The first desk agent is created from the command line, as the README says (once per host). */
export function createAgent(
  host: Host,
  agent: { username: string; password: string; name: string; email: string } = {
    ...AGENT,
    name: 'Ana Assist',
    email: 'ana@assist.example',
  },
): void {
  const db = new Database(join(host.dataDir, 'portal.sqlite'), { readonly: true });
  const exists = createDeskRepository(db).agentByUsername(agent.username) !== null;
  db.close();
  if (exists) return;
  execFileSync(
    process.execPath,
    [
      resolve(__dirname, '..', '..', 'dist', 'main', 'desk.cjs'),
      'create-agent',
      '--data-dir',
      host.dataDir,
      '--username',
      agent.username,
      '--name',
      agent.name,
      '--email',
      agent.email,
    ],
    { input: `${agent.password}\n` },
  );
}

/** Fills the Settings screen's relay form (an agent is logged in) and presses Save. */
export async function saveRelaySettings(
  page: Page,
  relay: {
    host: string;
    port?: number;
    security?: 'tls' | 'starttls' | 'none';
    user?: string;
    password?: string;
    assistance?: string;
  },
): Promise<void> {
  await page
    .getByLabel('Assistance address (requests go there)')
    .fill(relay.assistance ?? 'assistance@b2b-portal.example');
  await page.getByLabel('Sender address').fill('no-reply@b2b-portal.example');
  await page.getByLabel('Relay host').fill(relay.host);
  if (relay.port !== undefined) await page.getByLabel('Port', { exact: true }).fill(String(relay.port));
  if (relay.security) await page.getByLabel('Security').selectOption(relay.security);
  if (relay.user !== undefined)
    await page.getByRole('region', { name: 'Mail relay' }).getByLabel('User name').fill(relay.user);
  if (relay.password !== undefined) await page.getByLabel('Password', { exact: true }).fill(relay.password);
  await page.getByRole('region', { name: 'Mail relay' }).getByRole('button', { name: 'Save' }).click();
}

/** Points the host's mail settings at a relay on this machine, through the Settings screen, as
 * an assistance agent (only they may change the relay), then signs out. */
export async function configureRelay(page: Page, host: Host, port: number): Promise<void> {
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  // A login costs two scrypt checks: on a busy shared machine, allow it more than the default.
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  await page.evaluate(() => (location.hash = '#/settings'));
  await saveRelaySettings(page, { host: '127.0.0.1', port, security: 'none' });
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await signOut(page);
}

/** A supplier asks for access for A10002, naming its legal representative and its PLSA. */
export async function requestAccess(page: Page, host: Host): Promise<string> {
  await open(page, host, '#/access-request?cofor=A10002');
  for (const [legend, name, email] of [
    ['Legal representative', 'Lea Legal', 'lea@sample.example'],
    ['PLSA', 'Pat Plsa', 'pat@sample.example'],
  ] as const) {
    const set = page.locator('fieldset').filter({ has: page.getByText(legend, { exact: true }) });
    await set.getByLabel('Full name').fill(name);
    await set.getByLabel('Function').fill('Director');
    await set.getByLabel('Business e-mail').fill(email);
    await set.getByLabel('Phone').fill('+49 30 000000');
  }
  await page.getByLabel(/I accept the General Terms of Use/).check();
  await page.getByRole('button', { name: 'Submit' }).click();
  return page.getByTestId('reference').innerText();
}

export async function openRequest(page: Page, host: Host, reference: string) {
  await logIn(page, host, AGENT.username, AGENT.password);
  // A login costs two scrypt checks: on a busy shared machine, allow it more than the default.
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { name: `Request ${reference}` })).toBeVisible();
}

/** Sends a filled help request, then opens My requests: its reference and its row there. */
export async function sendHelpRequest(page: Page, host: Host) {
  await open(page, host, '#/contact');
  await fillHelp(page);
  await page.getByRole('button', { name: 'Submit' }).click();
  const reference = await page.getByTestId('reference').innerText();
  await open(page, host, '#/requests');
  return { reference, row: page.locator(`[data-reference="${reference}"]`) };
}

export async function fillHelp(page: Page) {
  await page.getByLabel('Purpose of your request').selectOption('technical');
  await page.getByLabel('Your question').fill('The analysis shows nothing for our COFOR.');
  await page.getByLabel('Name', { exact: true }).fill('Rita Sousa');
  await page.getByLabel('Company', { exact: true }).fill('Lost Parts Lda');
  await page.getByLabel('E-mail', { exact: true }).fill('rita@lost-parts.example');
  await page.getByLabel('Phone', { exact: true }).fill('+351 22 000 0000');
}
