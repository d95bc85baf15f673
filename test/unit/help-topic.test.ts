import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createGuideLibrary, GUIDE_IDS, GUIDE_PICTURE, renderGuide } from '../../main/portal/help/guides';
import { LANGS } from '../../preload/contract/languages';
import { testCore } from '../fixtures/core';

const GUIDES = resolve(__dirname, '..', '..', 'resources', 'guides');
const PUBLIC = resolve(__dirname, '..', '..', 'renderer', 'public');
const core = testCore();
afterAll(() => core.dispose());

describe('guides', () => {
  it('render Markdown without letting HTML or unsafe links through', () => {
    const guide = renderGuide({
      id: 'log-in',
      lang: 'en',
      markdown:
        '# Title\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [file](file:///etc/passwd) [site](https://www.stellantis.com/)',
    });
    expect(guide.title).toBe('Title');
    expect(guide.html).not.toContain('<script');
    expect(guide.html).not.toContain('<img');
    expect(guide.html).toContain('&lt;script&gt;');
    expect(guide.html).not.toMatch(/href="(javascript|file):/);
    expect(guide.html).toContain(
      '<a href="https://www.stellantis.com/" target="_blank" rel="noopener noreferrer">site</a>',
    );
  });

  it('show only the pictures shipped with the app, and every picture a guide names is shipped', () => {
    const guide = renderGuide({
      id: 'log-in',
      lang: 'en',
      markdown: '# T\n\n![ours](guides/login-en.png) ![remote](https://tracker.example/p.png) ![up](../secret.png)',
    });
    expect(guide.html).toContain('<img src="guides/login-en.png" alt="ours" loading="lazy">');
    expect(guide.html).not.toContain('tracker.example/p.png"');
    expect(guide.html).not.toContain('secret.png"');
    expect(guide.html).toContain('remote');
    for (const lang of LANGS) {
      for (const id of GUIDE_IDS) {
        const markdown = readFileSync(join(GUIDES, lang, `${id}.md`), 'utf8');
        for (const [, src] of markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
          expect(src, `${lang}/${id}.md`).toMatch(GUIDE_PICTURE);
          expect(existsSync(join(PUBLIC, src!)), `${src} (npm run screenshots makes it)`).toBe(true);
        }
      }
    }
  });

  it('search across the shipped guides, offline, tolerating a typo and missing accents', async () => {
    const en = await core.router.call('searchHelp', { query: 'temporary pasword', lang: 'en' });
    expect((en as { value: { hits: Array<{ id: string }> } }).value.hits.map((h) => h.id)).toContain('log-in');
    const fr = await core.router.call('searchHelp', { query: 'desactivee', lang: 'fr' });
    expect((fr as { value: { hits: Array<{ id: string }> } }).value.hits.map((h) => h.id)).toContain('register-portal');
    expect(await core.router.call('searchHelp', { query: '   ', lang: 'en' })).toEqual({
      ok: true,
      value: { hits: [] },
    });
  });

  it('list the guides of each step and the configured "about" text, in the asked language', async () => {
    const topic = await core.router.call('helpTopic', { lang: 'fr' });
    expect(topic).toMatchObject({
      ok: true,
      value: {
        guides: [
          { id: 'present-company', title: 'Présentez votre entreprise dans la Base Fournisseurs' },
          { id: 'register-portal' },
          { id: 'log-in' },
          { id: 'plsa-tasks', title: 'Les tâches du PLSA' },
          { id: 'recover-access', title: 'Récupérez votre accès' },
          { id: 'read-more' },
        ],
        about: { sample: true, paragraphs: expect.arrayContaining([expect.stringContaining('constructeur')]) },
      },
    });
    // A language the app does not speak is refused, not answered in another one.
    expect(await core.router.call('helpGuide', { id: 'read-more', lang: 'pt' })).toMatchObject({ ok: false });
  });

  it('an empty library answers nothing rather than failing', () => {
    expect(createGuideLibrary([]).search('x', 'en')).toEqual([]);
  });
});
