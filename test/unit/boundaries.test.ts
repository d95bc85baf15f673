// The process boundaries, enforced: the engine (main/portal) is pure, only the Electron shell
// imports electron, and the renderer reaches nothing but the contract.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const resolvedImports = (file: string) =>
  importsOf(file).map((spec) => (spec.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', spec)) : spec));

const NODE_BUILTIN = /^(node:|fs$|path$|os$|crypto$|child_process$|http$|net$|url$)/;

describe('process boundaries', () => {
  it('main/portal (the engine) imports neither electron nor Node built-ins nor the store', () => {
    const offenders = sources('main/portal').flatMap((file) =>
      resolvedImports(file)
        .filter(
          (spec) =>
            spec === 'electron' ||
            NODE_BUILTIN.test(spec) ||
            spec.startsWith('main/store') ||
            spec.startsWith('main/app'),
        )
        .map((spec) => `${file} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only the Electron shell imports electron', () => {
    const allowed = [
      'main/index.ts',
      'main/app/window.ts',
      'main/app/protocol.ts',
      'main/app/store-refused.ts',
      'preload/index.ts',
    ];
    const importers = [...sources('main'), ...sources('preload'), ...sources('renderer/src')].filter((file) =>
      importsOf(file).includes('electron'),
    );
    expect(importers.sort()).toEqual([...allowed].sort());
    // These take Electron types only, so they stay unit-testable.
    for (const file of ['main/app/window.ts', 'main/app/protocol.ts', 'main/app/store-refused.ts']) {
      expect(readFileSync(join(ROOT, file), 'utf8')).toMatch(/import type \{[^}]+\} from 'electron'/);
    }
  });

  it('the renderer reaches only the contract, never main/ or Node', () => {
    const offenders = sources('renderer/src').flatMap((file) =>
      resolvedImports(file)
        .filter(
          (spec) =>
            spec.startsWith('main/') ||
            (spec.startsWith('preload/') && !spec.startsWith('preload/contract')) ||
            NODE_BUILTIN.test(spec) ||
            spec === 'electron',
        )
        .map((spec) => `${file} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the contract depends on nothing but itself and zod (the schemas of its channels)', () => {
    const offenders = sources('preload/contract').flatMap((file) =>
      resolvedImports(file)
        .filter((spec) => !spec.startsWith('preload/contract') && spec !== 'zod')
        .map((spec) => `${file} -> ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only lib/api.ts in the renderer touches window.portal or fetch', () => {
    const users = sources('renderer/src').filter((file) =>
      /window\.portal|\bfetch\(/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(users).toEqual(['renderer/src/lib/api.ts']);
  });
});
