// The help topic's guides: Markdown files rendered safely (raw HTML is escaped, unsafe link
// schemes refused) and searchable offline, per language.
import MarkdownIt from 'markdown-it';
import MiniSearch from 'minisearch';
import { GUIDE_IDS, type GuideId } from '../../../preload/contract/help';

export { GUIDE_IDS, type GuideId };

export interface GuideSource {
  id: GuideId;
  lang: string;
  markdown: string;
}

export interface Guide {
  id: GuideId;
  lang: string;
  title: string;
  html: string;
  text: string;
}

export interface SearchHit {
  id: GuideId;
  title: string;
  snippet: string;
}

// html: false escapes any HTML in a guide; markdown-it's validateLink already refuses
// javascript:, vbscript:, file: and data: (but images) links.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
const defaultLink =
  markdown.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
markdown.renderer.rules.link_open = (tokens, i, options, env, self) => {
  // External links open outside the app (the shell allows only listed https hosts).
  if (/^https:/.test(String(tokens[i]!.attrGet('href') ?? ''))) {
    tokens[i]!.attrSet('target', '_blank');
    tokens[i]!.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLink(tokens, i, options, env, self);
};

// A guide shows only the pictures shipped with the app (renderer/public/guides/): any other
// source, remote or local, is dropped and its description stays as text.
export const GUIDE_PICTURE = /^guides\/[a-z0-9-]+\.png$/;
const defaultImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, i, options, env, self) => {
  const token = tokens[i]!;
  if (!GUIDE_PICTURE.test(String(token.attrGet('src') ?? ''))) return markdown.utils.escapeHtml(token.content);
  token.attrSet('loading', 'lazy');
  const caption = markdown.utils.escapeHtml(token.content);
  return `<figure>${defaultImage(tokens, i, options, env, self)}<figcaption>${caption}</figcaption></figure>`;
};

const plain = (md: string): string =>
  md
    .replace(/[#*_`>[\]()-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function renderGuide(source: GuideSource): Guide {
  const title = /^#\s+(.+)$/m.exec(source.markdown)?.[1]?.trim() ?? source.id;
  return {
    id: source.id,
    lang: source.lang,
    title,
    html: markdown.render(source.markdown),
    text: plain(source.markdown),
  };
}

export function createGuideLibrary(sources: GuideSource[]) {
  const guides = sources.map(renderGuide);
  const indexes = new Map<string, MiniSearch<Guide>>();
  for (const lang of new Set(guides.map((g) => g.lang))) {
    const index = new MiniSearch<Guide>({
      fields: ['title', 'text'],
      storeFields: ['id'],
      idField: 'id',
      searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 },
      // Accents are folded, so "acces" finds "accès".
      processTerm: (term) => term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
    });
    index.addAll(guides.filter((g) => g.lang === lang));
    indexes.set(lang, index);
  }

  const pick = (lang: string) => (indexes.has(lang) ? lang : 'en');
  const find = (id: GuideId, lang: string) => guides.find((g) => g.id === id && g.lang === pick(lang)) ?? null;

  function snippet(text: string, query: string): string {
    const words = query
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 1);
    const lower = text.toLowerCase();
    const at = Math.max(0, Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), text.length));
    const start = Math.max(0, at - 60);
    return `${start > 0 ? '…' : ''}${text.slice(start, start + 180)}${start + 180 < text.length ? '…' : ''}`;
  }

  return {
    list: (lang: string) =>
      GUIDE_IDS.map((id) => find(id, lang))
        .filter((g): g is Guide => g !== null)
        .map(({ id, title }) => ({ id, title })),
    guide: find,
    search(query: string, lang: string): SearchHit[] {
      const l = pick(lang);
      return (indexes.get(l)?.search(query) ?? []).slice(0, 10).map((hit) => {
        const guide = find(hit.id as GuideId, l)!;
        return { id: guide.id, title: guide.title, snippet: snippet(guide.text, query) };
      });
    },
  };
}
export type GuideLibrary = ReturnType<typeof createGuideLibrary>;
