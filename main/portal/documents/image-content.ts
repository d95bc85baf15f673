// Images keep only their pixels: a PNG keeps the chunks that draw it, a JPEG the segments that
// decode it, so text chunks, EXIF (with its GPS position), comments and anything appended after
// the image's end never reach the store or the assistance. Data after the end is refused.

const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'pHYs']);
const PNG_SIGNATURE_LENGTH = 8;

export type ImageClean =
  { ok: true; content: Uint8Array } | { ok: false; reason: 'document.corrupt' | 'document.trailing-data' };

const u32 = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

export function cleanPng(bytes: Uint8Array): ImageClean {
  const kept: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE_LENGTH)];
  let at = PNG_SIGNATURE_LENGTH;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const next = at + 12 + length;
    if (next > bytes.length) return { ok: false, reason: 'document.corrupt' };
    if (PNG_KEPT.has(type)) kept.push(bytes.subarray(at, next));
    at = next;
    if (type === 'IEND') {
      return at === bytes.length
        ? { ok: true, content: concat(kept) }
        : { ok: false, reason: 'document.trailing-data' };
    }
  }
  return { ok: false, reason: 'document.corrupt' };
}

/** Segments a decoder needs: frame and scan headers, tables, restart markers; APP0 (JFIF) and
 * APP14 (Adobe colour transform) change how pixels decode, so they stay; other APPn and COM go. */
const JPEG_DROPPED = (marker: number): boolean =>
  (marker >= 0xe1 && marker <= 0xef && marker !== 0xee) || marker === 0xfe;

export function cleanJpeg(bytes: Uint8Array): ImageClean {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)]; // SOI
  let at = 2;
  while (at + 2 <= bytes.length) {
    if (bytes[at] !== 0xff) return { ok: false, reason: 'document.corrupt' };
    const marker = bytes[at + 1]!;
    if (marker === 0xd9)
      return at + 2 === bytes.length
        ? { ok: true, content: concat([...kept, bytes.subarray(at, at + 2)]) }
        : { ok: false, reason: 'document.trailing-data' };
    if (marker === 0xff) {
      at += 1;
      continue;
    } // fill byte
    if (at + 4 > bytes.length) return { ok: false, reason: 'document.corrupt' };
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    let next = at + 2 + length;
    if (next > bytes.length) return { ok: false, reason: 'document.corrupt' };
    if (marker === 0xda) {
      // Entropy-coded data follows the scan header: it runs to the next marker that is not a
      // stuffed 0xFF00 or a restart marker.
      while (
        next + 1 < bytes.length &&
        !(bytes[next] === 0xff && bytes[next + 1] !== 0x00 && (bytes[next + 1]! < 0xd0 || bytes[next + 1]! > 0xd7))
      )
        next++;
    }
    if (!JPEG_DROPPED(marker)) kept.push(bytes.subarray(at, next));
    at = next;
  }
  return { ok: false, reason: 'document.corrupt' };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
