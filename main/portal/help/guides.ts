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
  /** The prose, block by block (paragraphs and list items), each block sentence by sentence:
   * what a search snippet is cut from, so that it starts and ends where a reader expects. */
  prose: string[][];
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

// A sentence ends at . ! or ? followed by a space and a capital or a digit ("e.g. a" goes on).
const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}\d«"(])/u;

/** The words of paragraphs and list items as a reader sees them (no Markdown marks, no
 * headings, no pictures' descriptions), split into sentences. */
function proseOf(md: string): string[][] {
  const blocks: string[][] = [];
  let heading = false;
  for (const token of markdown.parse(md, {})) {
    if (token.type === 'heading_open') heading = true;
    else if (token.type === 'heading_close') heading = false;
    else if (token.type === 'inline' && !heading) {
      const text = (token.children ?? [])
        .map((child) =>
          child.type === 'text' || child.type === 'code_inline'
            ? child.content
            : child.type === 'softbreak' || child.type === 'hardbreak'
              ? ' '
              : '',
        )
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      if (text) blocks.push(text.split(SENTENCE_END));
    }
  }
  return blocks;
}

export function renderGuide(source: GuideSource): Guide {
  const title = /^#\s+(.+)$/m.exec(source.markdown)?.[1]?.trim() ?? source.id;
  return {
    id: source.id,
    lang: source.lang,
    title,
    html: markdown.render(source.markdown),
    text: plain(source.markdown),
    prose: proseOf(source.markdown),
  };
}

const SNIPPET_MAX = 200;
/** Accents folded, as the index folds them: each character keeps its place. */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The first sentence that holds the most words of the query (the guide's first one when the
 * match was fuzzy), with the next ones of its paragraph while they fit. A sentence too long to
 * show whole is cut between words around the match, an ellipsis marking each cut.
 */
export function snippetOf(prose: string[][], query: string): string {
  const words = fold(query)
    .split(/\s+/)
    .filter((w) => w.length > 1);
  const score = (sentence: string) => words.filter((w) => fold(sentence).includes(w)).length;
  let [block, first, best] = [prose[0] ?? [], 0, 0];
  for (const b of prose)
    b.forEach((sentence, i) => {
      const found = score(sentence);
      if (found > best) [block, first, best] = [b, i, found];
    });
  const sentence = block[first] ?? '';
  if (sentence.length > SNIPPET_MAX) return around(sentence, words);
  let snippet = sentence;
  for (const next of block.slice(first + 1)) {
    if (snippet.length + 1 + next.length > SNIPPET_MAX) break;
    snippet += ` ${next}`;
  }
  return snippet;
}

/** A window of whole words of a long sentence, starting a little before the first match. */
function around(sentence: string, words: string[]): string {
  const folded = fold(sentence);
  const at = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0), sentence.length);
  let start = at > SNIPPET_MAX / 3 ? at - SNIPPET_MAX / 3 : 0;
  if (start > 0) start = sentence.indexOf(' ', start) + 1; // the next word's start
  let end = Math.min(sentence.length, start + SNIPPET_MAX);
  if (end < sentence.length) end = sentence.lastIndexOf(' ', end); // the last whole word's end
  const cut = sentence.slice(start, end).replace(/[\s,;:]+$/, '');
  return `${start > 0 ? '…' : ''}${cut}${end < sentence.length ? '…' : ''}`;
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
        return { id: guide.id, title: guide.title, snippet: snippetOf(guide.prose, query) };
      });
    },
  };
}
export type GuideLibrary = ReturnType<typeof createGuideLibrary>;
