// Hash routes: the app is one page, and a route survives a reload (and a host restart).
export type Route =
  | { name: 'home' }
  | { name: 'access' }
  | { name: 'company-file' }
  | { name: 'cofor-help' }
  | { name: 'access-request'; cofor: string | null };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  switch (path) {
    case '/access':
      return { name: 'access' };
    case '/company-file':
      return { name: 'company-file' };
    case '/cofor-help':
      return { name: 'cofor-help' };
    case '/access-request':
      return { name: 'access-request', cofor: params.get('cofor') };
    default:
      return { name: 'home' };
  }
}

export function href(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'access-request' && route.cofor) return `#/access-request?cofor=${encodeURIComponent(route.cofor)}`;
  return `#/${route.name}`;
}

let current = $state<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => {
  current = parseRoute(location.hash);
});

export const router = {
  get route(): Route {
    return current;
  },
};
