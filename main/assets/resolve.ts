// Maps a request path to a file of the built renderer, for the app:// protocol and the browser
// host alike. Anything that could climb out of the folder is refused before touching the disk.
import { extname, join, resolve, sep } from 'node:path';

export type AssetResolution = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 404 };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function resolveAsset(root: string, rawPath: string): AssetResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded) || decoded.includes('//')) return { ok: false, status: 400 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return { ok: false, status: 400 };

  const relative = decoded === '/' ? 'index.html' : segments.join('/');
  const base = resolve(root);
  const file = resolve(join(base, relative));
  if (!file.startsWith(base + sep)) return { ok: false, status: 400 };
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 404 };
  return { ok: true, file, contentType };
}
