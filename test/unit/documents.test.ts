import { describe, expect, it } from 'vitest';
import { inspectDocument } from '../../main/portal/documents/inspect';
import { HOSTILE_FILES, jpeg, jpegWithMetadata, pdf, png, pngWithText } from '../fixtures/files';

describe('inspectDocument', () => {
  it('accepts a PDF, a PNG and a JPEG by their content, with image dimensions read from the header', () => {
    expect(inspectDocument(pdf())).toEqual({
      ok: true,
      kind: 'pdf',
      mediaType: 'application/pdf',
      width: null,
      height: null,
      content: pdf(),
    });
    expect(inspectDocument(png(4, 3))).toMatchObject({
      ok: true,
      kind: 'png',
      mediaType: 'image/png',
      width: 4,
      height: 3,
    });
    expect(inspectDocument(jpeg(16, 8))).toMatchObject({
      ok: true,
      kind: 'jpeg',
      mediaType: 'image/jpeg',
      width: 16,
      height: 8,
    });
    // a clean image is kept byte for byte
    expect(Buffer.from((inspectDocument(png(4, 3)) as { content: Uint8Array }).content)).toEqual(png(4, 3));
    expect(Buffer.from((inspectDocument(jpeg(16, 8)) as { content: Uint8Array }).content)).toEqual(jpeg(16, 8));
  });

  it('accepts a PDF whose compressed image bytes happen to spell "<svg" or "/JS": only the structure is read', () => {
    const noise = Buffer.from('x\x9c<svg /JS <script junk', 'latin1');
    const file = Buffer.concat([
      Buffer.from(
        `%PDF-1.4\n4 0 obj << /Type /XObject /Subtype /Image /Filter /DCTDecode /Length ${noise.length} >> stream\n`,
        'latin1',
      ),
      noise,
      Buffer.from(
        '\nendstream endobj\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
        'latin1',
      ),
    ]);
    expect(inspectDocument(file)).toMatchObject({ ok: true, kind: 'pdf' });
    // the same bytes in a stream with no filter are read as they are, and refused
    expect(inspectDocument(Buffer.from(file.toString('latin1').replace('/Filter /DCTDecode ', ''), 'latin1'))).toEqual({
      ok: false,
      reason: 'document.active-content',
    });
  });

  it('reads a PDF in one pass: 5 MB of stream keywords and "<<" is answered without backtracking', () => {
    const hostile = Buffer.from(
      `%PDF-1.4\n${'<< /ObjStm '.repeat(50_000)}${'>>stream\nendstream '.repeat(150_000)}\n%%EOF\n`,
      'latin1',
    );
    expect(hostile.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(inspectDocument(hostile)).toMatchObject({ ok: false });
  });

  it('keeps only the pixels of an image: a script in a PNG text chunk, a JPEG comment and its EXIF are dropped', () => {
    const png = inspectDocument(pngWithText('Comment', '<script>alert(1)</script>'));
    expect(png).toMatchObject({ ok: true, kind: 'png' });
    expect(Buffer.from((png as { content: Uint8Array }).content).toString('latin1')).not.toMatch(/script|tEXt/);
    const jpg = inspectDocument(jpegWithMetadata('<script>alert(1)</script>'));
    expect(jpg).toMatchObject({ ok: true, kind: 'jpeg' });
    expect(Buffer.from((jpg as { content: Uint8Array }).content)).toEqual(jpeg());
  });

  it.each(HOSTILE_FILES)('refuses $name ($reason)', ({ bytes, reason }) => {
    expect(inspectDocument(bytes)).toEqual({ ok: false, reason });
  });

  it('holds at least 10 hostile files in its corpus', () => {
    expect(HOSTILE_FILES.length).toBeGreaterThanOrEqual(10);
  });
});
