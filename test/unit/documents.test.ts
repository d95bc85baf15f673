import { describe, expect, it } from 'vitest';
import { inspectDocument } from '../../main/portal/documents/inspect';
import { HOSTILE_FILES, jpeg, pdf, png } from '../fixtures/files';

describe('inspectDocument', () => {
  it('accepts a PDF, a PNG and a JPEG by their content, with image dimensions read from the header', () => {
    expect(inspectDocument(pdf())).toEqual({ ok: true, kind: 'pdf', mediaType: 'application/pdf', width: null, height: null });
    expect(inspectDocument(png(4, 3))).toEqual({ ok: true, kind: 'png', mediaType: 'image/png', width: 4, height: 3 });
    expect(inspectDocument(jpeg(16, 8))).toEqual({ ok: true, kind: 'jpeg', mediaType: 'image/jpeg', width: 16, height: 8 });
  });

  it.each(HOSTILE_FILES)('refuses $name ($reason)', ({ bytes, reason }) => {
    expect(inspectDocument(bytes)).toEqual({ ok: false, reason });
  });

  it('holds at least 10 hostile files in its corpus', () => {
    expect(HOSTILE_FILES.length).toBeGreaterThanOrEqual(10);
  });
});
