// Decides what an uploaded file really is from its bytes. The name and the declared type are
// never trusted: a renamed executable or a truncated image is refused with a reason.
import { imageSize } from 'image-size';

export type DocumentKind = 'pdf' | 'png' | 'jpeg';

export type DocumentCheck =
  | { ok: true; kind: DocumentKind; mediaType: string; width: number | null; height: number | null }
  | { ok: false; reason: DocumentRejection };

export type DocumentRejection =
  | 'document.empty'
  | 'document.too-large'
  | 'document.type'
  | 'document.corrupt'
  | 'document.pixels';

export interface DocumentLimits {
  maxBytes: number;
  /** Checked from the image header, before anything decodes the pixels. */
  maxPixels: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000 };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PDF_END = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF

const startsWith = (bytes: Uint8Array, sig: number[]): boolean =>
  bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, sig: number[], from: number): boolean {
  for (let i = Math.max(0, from); i <= bytes.length - sig.length; i++) {
    if (sig.every((b, j) => bytes[i + j] === b)) return true;
  }
  return false;
}

export function inspectDocument(bytes: Uint8Array, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): DocumentCheck {
  if (bytes.length === 0) return { ok: false, reason: 'document.empty' };
  if (bytes.length > limits.maxBytes) return { ok: false, reason: 'document.too-large' };

  if (startsWith(bytes, PDF_SIGNATURE)) {
    // A PDF ends with %%EOF (trailing whitespace allowed); a cut-off upload does not.
    return contains(bytes, PDF_END, bytes.length - 1024)
      ? { ok: true, kind: 'pdf', mediaType: 'application/pdf', width: null, height: null }
      : { ok: false, reason: 'document.corrupt' };
  }
  const kind = startsWith(bytes, PNG_SIGNATURE) ? 'png' : startsWith(bytes, JPEG_SIGNATURE) ? 'jpeg' : null;
  if (!kind) return { ok: false, reason: 'document.type' };
  return checkImage(bytes, kind, limits);
}

function checkImage(bytes: Uint8Array, kind: 'png' | 'jpeg', limits: DocumentLimits): DocumentCheck {
  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, reason: 'document.corrupt' };
  }
  const expectedType = kind === 'png' ? 'png' : 'jpg';
  const { width, height } = size;
  if (size.type !== expectedType || !width || !height) return { ok: false, reason: 'document.corrupt' };
  if (width * height > limits.maxPixels) return { ok: false, reason: 'document.pixels' };
  if (kind === 'png' && !contains(bytes, [0x49, 0x45, 0x4e, 0x44], bytes.length - 16)) {
    return { ok: false, reason: 'document.corrupt' }; // no IEND chunk: truncated
  }
  if (kind === 'jpeg' && !contains(bytes, [0xff, 0xd9], bytes.length - 64)) {
    return { ok: false, reason: 'document.corrupt' }; // no end-of-image marker near the end: truncated
  }
  return { ok: true, kind, mediaType: kind === 'png' ? 'image/png' : 'image/jpeg', width, height };
}
