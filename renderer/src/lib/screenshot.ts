// A screenshot for a help request: chosen as a file, pasted from the clipboard, or (desktop)
// captured from the app's own window with password and private fields blanked out first.
import { api } from './api';
import { fileKind, MAX_DOCUMENT_BYTES, toBase64 } from './files';

export interface Screenshot {
  fileName: string;
  contentBase64: string;
  size: number;
  previewUrl: string;
}

/** A larger image is refused by the engine anyway: 20 MB is the upload cap before its checks. */
export const MAX_SCREENSHOT_BYTES = 4 * MAX_DOCUMENT_BYTES;

export async function fromBlob(blob: Blob, fileName: string): Promise<Screenshot> {
  return { fileName, contentBase64: await toBase64(blob), size: blob.size, previewUrl: URL.createObjectURL(blob) };
}

/** The first bytes of a PNG or a JPEG. The engine checks the whole file again on submission. */
export async function isPngOrJpeg(blob: Blob): Promise<boolean> {
  const kind = await fileKind(blob);
  return kind === 'png' || kind === 'jpeg';
}

export function imageFromPaste(event: ClipboardEvent): File | null {
  for (const item of event.clipboardData?.items ?? []) {
    if (item.kind === 'file' && item.type.startsWith('image/')) return item.getAsFile();
  }
  return null;
}

export async function captureAppWindow(): Promise<Screenshot | null> {
  const root = document.documentElement;
  root.classList.add('capturing'); // CSS blanks password fields and [data-private] ones
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  try {
    const result = await api.captureWindow({});
    if (!result.ok) return null;
    const bytes = Uint8Array.from(atob(result.value.contentBase64), (c) => c.charCodeAt(0));
    return fromBlob(new Blob([bytes], { type: 'image/png' }), 'window.png');
  } finally {
    root.classList.remove('capturing');
  }
}
