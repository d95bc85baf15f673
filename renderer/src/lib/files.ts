// Reading a chosen file for upload. The engine decides what the file is from its bytes; the
// size is checked here first only to spare the person a long upload that would be refused.
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type FileKind = 'pdf' | 'png' | 'jpeg';

/** What a file is by its first bytes, the engine's signatures: a file of another type is told at
 * once, next to its field, rather than at Submit. The engine checks the whole file again. */
export async function fileKind(blob: Blob): Promise<FileKind | null> {
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  const starts = (signature: number[]) => signature.every((b, i) => head[i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  return null;
}

export async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes a bounded number of arguments
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** A size in the reader's units: "93.8 kB" in English, "93,8 ko" in French. */
export function formatSize(bytes: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short', // "12 bytes", "12 octets"
    maximumFractionDigits: 1,
  }).format(value);
}

/** Saves what the engine made (an export) as a download with its own name. */
export function saveDownload(file: { fileName: string; mediaType: string; contentBase64: string }): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
