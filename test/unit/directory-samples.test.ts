// The sample directory files the README points to (resources/samples/) import as they are, with
// no row rejected, into a store with the demo directory, on the screen's path and the command line's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeImport } from '../../main/portal/directory/import-problems';
import { startDirectoryImport } from '../../main/services/directory-import-job';
import { createDirectoryRepository } from '../../main/store/directory';
import { RESOURCES_DIR, testCore } from '../fixtures/core';

let core: ReturnType<typeof testCore>;
beforeEach(() => (core = testCore()));
afterEach(() => core.dispose());

it.each(['csv', 'jsonl'] as const)('resources/samples/directory-sample.%s imports with no row rejected', (format) => {
  const text = readFileSync(join(RESOURCES_DIR, 'samples', `directory-sample.${format}`), 'utf8');
  const directory = createDirectoryRepository(core.db);
  const job = startDirectoryImport(core.db, format, (c) => directory.companyByCofor(c) !== null, new Date());
  job.write(text);
  const report = job.finish();
  expect(report).toMatchObject({
    rejectedTotal: 0,
    conflicts: [],
    companies: { inserted: 2 },
    accounts: { inserted: 1 },
  });
  expect(describeImport(report)).toBe(
    `${report.rows} rows read. Companies: 2 added, 0 updated, 0 unchanged. Accounts: 1 added, 0 updated.`,
  );
  expect(directory.companyByCofor('S10001')?.legalName).toBe('Sample Bolts SARL');
  expect(directory.companyByCofor('S10002')?.legalName).toBe('Example Seals Srl');
});

it('the README names both samples', () => {
  const readme = readFileSync(join(RESOURCES_DIR, '..', 'README.md'), 'utf8');
  for (const format of ['csv', 'jsonl']) expect(readme).toContain(`resources/samples/directory-sample.${format}`);
});
