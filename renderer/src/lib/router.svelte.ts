// Hash routes: the app is one page, and a route survives a reload (and a host restart).
export type Route =
  | { name: 'home' }
  | { name: 'access' }
  | { name: 'company-file' }
  | { name: 'cofor-help' }
  | { name: 'access-request'; cofor: string | null }
  | { name: 'login' }
  | { name: 'recovery'; form: RecoveryForm }
  | { name: 'account' }
  | { name: 'change-password' }
  | { name: 'console' };

export const RECOVERY_FORMS = ['username', 'password', 'plsa', 'blocked'] as const;
export type RecoveryForm = (typeof RECOVERY_FORMS)[number];

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
    case '/login':
      return { name: 'login' };
    case '/recovery': {
      const form = params.get('form');
      return { name: 'recovery', form: (RECOVERY_FORMS as readonly string[]).includes(form ?? '') ? (form as RecoveryForm) : 'password' };
    }
    case '/account':
      return { name: 'account' };
    case '/change-password':
      return { name: 'change-password' };
    case '/console':
      return { name: 'console' };
    default:
      return { name: 'home' };
  }
}

export function href(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'access-request' && route.cofor) return `#/access-request?cofor=${encodeURIComponent(route.cofor)}`;
  if (route.name === 'recovery') return `#/recovery?form=${route.form}`;
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

export const go = (route: Route): void => {
  location.hash = href(route);
};
