// Decides what an uploaded file really is from its bytes. The name and the declared type are
// never trusted: a renamed executable, a truncated image, active content in a PDF and data
// appended after a file's end are refused with a reason. What is kept is `content`: for an
// image, its pixels without text chunks or metadata.
import { imageSize } from 'image-size';
import { cleanJpeg, cleanPng } from './image-content';
import { pdfProblem } from './pdf-content';

export type DocumentKind = 'pdf' | 'png' | 'jpeg';

export type DocumentCheck =
  | {
      ok: true;
      kind: DocumentKind;
      mediaType: string;
      width: number | null;
      height: number | null;
      content: Uint8Array;
    }
  | { ok: false; reason: DocumentRejection };

export type DocumentRejection =
  | 'document.empty'
  | 'document.too-large'
  | 'document.type'
  | 'document.corrupt'
  | 'document.pixels'
  | 'document.active-content'
  | 'document.trailing-data';

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
    if (!contains(bytes, PDF_END, bytes.length - 1024)) {
      return contains(bytes, PDF_END, 0)
        ? { ok: false, reason: 'document.trailing-data' }
        : { ok: false, reason: 'document.corrupt' };
    }
    const problem = pdfProblem(bytes);
    return problem
      ? { ok: false, reason: problem }
      : { ok: true, kind: 'pdf', mediaType: 'application/pdf', width: null, height: null, content: bytes };
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
  const cleaned = kind === 'png' ? cleanPng(bytes) : cleanJpeg(bytes);
  if (!cleaned.ok) return cleaned;
  return {
    ok: true,
    kind,
    mediaType: kind === 'png' ? 'image/png' : 'image/jpeg',
    width,
    height,
    content: cleaned.content,
  };
}
