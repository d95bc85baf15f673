// The name an attachment is saved under at the desk. The supplier chose the name; the bytes were
// checked for what they are (inspect.ts). The saved file takes the extension of what it is, so a
// PDF named "invoice.html" is never opened by a browser as a page, and no folder part or control
// character of the supplier's name reaches the agent's disk.
const EXTENSION: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

export function downloadName(supplied: string, mediaType: string): string {
  const extension = EXTENSION[mediaType] ?? 'bin';
  const base = (supplied.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 100);
  return `${base || 'attachment'}.${extension}`;
}
