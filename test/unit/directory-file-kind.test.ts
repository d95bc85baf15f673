// A file that is not a directory file at all (a PDF, a spreadsheet, an image, a JSON array) is
// refused whole, in one sentence naming the accepted formats: by the rule, through the desk's
// channel as the screen sends it, and by the desk's command line (the built dist/main/desk.cjs).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notDirectoryFile } from '../../main/portal/directory/file-kind';
import { jpeg, pdf, png } from '../fixtures/files';
import { deskSession, testCore } from '../fixtures/core';

const DESK_CLI = resolve(__dirname, '..', '..', 'dist', 'main', 'desk.cjs');
const run = promisify(execFile);
/** Bytes as the screen and the command line read them: decoded as UTF-8. */
const asText = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);
const ZIP = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(200, 7)]);
const XLS = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(200)]);
const CSV = 'record,cofor,legal_name,status,access\ncompany,B50001,Ok Co,active,open\n';
const JSONL = '{"cofor":"B50001","legalName":"Ok Co","status":"active","access":"open"}\n';

describe('is it a directory file?', () => {
  it.each([
    ['a PDF', 'jsonl', asText(pdf()), 'pdf'],
    ['a PDF named .csv', 'csv', asText(pdf()), 'pdf'],
    ['a spreadsheet (zip)', 'csv', asText(ZIP), 'archive'],
    ['an old Excel file', 'csv', asText(XLS), 'archive'],
    ['a PNG', 'jsonl', asText(png()), 'image'],
    ['a JPEG', 'csv', asText(jpeg()), 'image'],
    ['bytes with NUL', 'csv', 'record,cofor\u0000\u0000\u0000', 'binary'],
    ['a JSON array', 'jsonl', '[{"cofor":"B50001"}]', 'not-json-lines'],
    ['a CSV chosen as JSON Lines', 'jsonl', CSV, 'not-json-lines'],
  ] as const)('%s is not one', (_, format, start, kind) => {
    expect(notDirectoryFile(format, start)).toBe(kind);
  });

  it.each([
    ['a CSV', 'csv', CSV],
    ['a CSV with a byte-order mark', 'csv', `\ufeff${CSV}`],
    ['JSON Lines', 'jsonl', JSONL],
    ['JSON Lines after blank lines and a mark', 'jsonl', `\ufeff\n\n${JSONL}`],
    ['accents', 'csv', `${CSV}company,B50002,Équipements Société,active,open\n`],
    ['JSON Lines whose second line is broken (told line by line)', 'jsonl', `${JSONL}{not json\n`],
  ] as const)('%s may be one', (_, format, start) => {
    expect(notDirectoryFile(format, start)).toBeNull();
  });
});

describe('a PDF chosen as a directory file', () => {
  let core: ReturnType<typeof testCore>;
  beforeEach(() => (core = testCore({ loadDemo: false })));
  afterEach(() => core.dispose());

  it('is refused at its first chunk, in one sentence, with nothing written', async () => {
    const session = await deskSession(core);
    const started = (await core.router.call('deskImportStart', { session, format: 'jsonl' })) as {
      value: { importId: string };
    };
    const answer = await core.router.call('deskImportChunk', {
      session,
      importId: started.value.importId,
      seq: 0,
      content: asText(pdf()),
      last: true,
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fields: { file: 'import.not-directory-file' },
        message: expect.stringContaining('This is not a CSV or JSON Lines file'),
      },
    });
    expect(core.db.prepare('SELECT count(*) FROM companies').pluck().get()).toBe(0);
  });

  it('is refused by the command line in one sentence, not one line per row', async () => {
    const file = join(core.dataDir, 'extract.pdf');
    writeFileSync(file, pdf());
    const failed = await run(process.execPath, [DESK_CLI, 'import', file, '--data-dir', core.dataDir]).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toMatch(/^This is not a CSV or JSON Lines file\. [^\n]*\.jsonl[^\n]*$/);
    expect(`${failed?.stdout}${failed?.stderr}`).not.toContain('not valid JSON');
  });
});
