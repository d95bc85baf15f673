// Hash routes: the app is one page, and a route survives a reload (and a host restart). Parsing
// and links come from the route table (lib/routes.ts); `startRouter` reads the address once the
// screens are loaded (main.ts), since the table imports them and they import this file.
import { entryOf, ROUTES, type Route } from './routes';

export { RECOVERY_FORMS, type RecoveryForm, type Route } from './routes';

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const entry = ROUTES.find((r) => r.path === (path || '/')) ?? entryOf('home');
  if (!entry.read) return { name: entry.name } as Route;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once to parse, never observed
  const params = entry.read(new URLSearchParams(query));
  if (params === null) return { name: entry.fallback ?? 'home' } as Route;
  return { name: entry.name, ...params } as Route;
}

export function href(route: Route): string {
  const { name, ...params } = route;
  const entry = entryOf(name);
  const written: Record<string, unknown> = entry.write ? entry.write(params) : params;
  const query = Object.entries(written)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `#${entry.path}${query ? `?${query}` : ''}`;
}

let current = $state<Route>({ name: 'home' });

export function startRouter(): void {
  current = parseRoute(location.hash);
  window.addEventListener('hashchange', () => {
    current = parseRoute(location.hash);
  });
}

export const router = {
  get route(): Route {
    return current;
  },
};

export const go = (route: Route): void => {
  location.hash = href(route);
};
