// Hash routes: the app is one page, and a route survives a reload (and a host restart).
import type { GuideId } from '../../../preload/contract/help';
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
  | { name: 'console' }
  | { name: 'help' }
  | { name: 'guide'; id: GuideId }
  | { name: 'contact' }
  | { name: 'requests' }
  | { name: 'settings' }
  | { name: 'desk' }
  | { name: 'desk-request'; reference: string }
  | { name: 'desk-directory' }
  | { name: 'desk-templates' };

const GUIDES: readonly GuideId[] = ['present-company', 'register-portal', 'log-in', 'read-more'];

export const RECOVERY_FORMS = ['username', 'password', 'plsa', 'blocked'] as const;
export type RecoveryForm = (typeof RECOVERY_FORMS)[number];

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once to parse, never observed
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
      return {
        name: 'recovery',
        form: (RECOVERY_FORMS as readonly string[]).includes(form ?? '') ? (form as RecoveryForm) : 'password',
      };
    }
    case '/account':
      return { name: 'account' };
    case '/change-password':
      return { name: 'change-password' };
    case '/console':
      return { name: 'console' };
    case '/help':
      return { name: 'help' };
    case '/guide': {
      const id = params.get('id') as GuideId | null;
      return id && GUIDES.includes(id) ? { name: 'guide', id } : { name: 'help' };
    }
    case '/contact':
      return { name: 'contact' };
    case '/requests':
      return { name: 'requests' };
    case '/settings':
      return { name: 'settings' };
    case '/desk':
      return { name: 'desk' };
    case '/desk/request': {
      const reference = params.get('ref');
      return reference ? { name: 'desk-request', reference } : { name: 'desk' };
    }
    case '/desk/directory':
      return { name: 'desk-directory' };
    case '/desk/templates':
      return { name: 'desk-templates' };
    default:
      return { name: 'home' };
  }
}

export function href(route: Route): string {
  if (route.name === 'home') return '#/';
  if (route.name === 'access-request' && route.cofor)
    return `#/access-request?cofor=${encodeURIComponent(route.cofor)}`;
  if (route.name === 'recovery') return `#/recovery?form=${route.form}`;
  if (route.name === 'guide') return `#/guide?id=${route.id}`;
  if (route.name === 'desk-request') return `#/desk/request?ref=${encodeURIComponent(route.reference)}`;
  if (route.name === 'desk-directory') return '#/desk/directory';
  if (route.name === 'desk-templates') return '#/desk/templates';
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
