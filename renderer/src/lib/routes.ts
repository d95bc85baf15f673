// The screens, in one table: each route's name, path, screen, who may open it and its place in
// the navigation. Parsing an address, writing a link, the page switch and the navigation bar are
// all derived from it (lib/router.svelte.ts, App.svelte). A route's parameters are its screen's
// props, read from and written to the address's query.
import type { Component } from 'svelte';
import { GUIDE_IDS, HELP_PURPOSES, type GuideId, type HelpPurpose } from '$contract/help';
import type { MessageKey } from './i18n/en';
import type { IconName } from '../components/Icon.svelte';
import AboutScreen from '../features/about/AboutScreen.svelte';
import ForcedPasswordChange from '../features/account/ForcedPasswordChange.svelte';
import PrivateArea from '../features/account/PrivateArea.svelte';
import GetAccess from '../features/access/GetAccess.svelte';
import PlsaConsole from '../features/console/PlsaConsole.svelte';
import DeskAgentsScreen from '../features/desk/DeskAgentsScreen.svelte';
import DeskDirectory from '../features/desk/DeskDirectory.svelte';
import DeskQueue from '../features/desk/DeskQueue.svelte';
import DeskRequest from '../features/desk/DeskRequest.svelte';
import DeskTemplates from '../features/desk/DeskTemplates.svelte';
import AccessRequestForm from '../features/forms/AccessRequestForm.svelte';
import CoforHelpForm from '../features/forms/CoforHelpForm.svelte';
import CompanyFileForm from '../features/forms/CompanyFileForm.svelte';
import ContactForm from '../features/help/ContactForm.svelte';
import GuideView from '../features/help/GuideView.svelte';
import HelpTopic from '../features/help/HelpTopic.svelte';
import Home from '../features/home/Home.svelte';
import LoginScreen from '../features/login/LoginScreen.svelte';
import RecoveryScreen from '../features/recovery/RecoveryScreen.svelte';
import LoginHelpScreen from '../features/recovery/LoginHelpScreen.svelte';
import { knownLogin } from './login-help';
import MyRequests from '../features/requests/MyRequests.svelte';
import MailSettings from '../features/settings/MailSettings.svelte';

export const RECOVERY_FORMS = ['username', 'password', 'plsa', 'blocked'] as const;
export type RecoveryForm = (typeof RECOVERY_FORMS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'access' }
  | { name: 'company-file' }
  | { name: 'cofor-help' }
  | { name: 'access-request'; cofor: string | null }
  | { name: 'login' }
  | { name: 'recovery'; form: RecoveryForm; login?: string | null }
  | { name: 'login-help'; login: string | null }
  | { name: 'account' }
  | { name: 'change-password' }
  | { name: 'console' }
  | { name: 'help' }
  | { name: 'guide'; id: GuideId }
  | { name: 'contact'; purpose: HelpPurpose | null; cofor: string | null }
  | { name: 'requests' }
  | { name: 'settings' }
  | { name: 'about' }
  | { name: 'desk' }
  | { name: 'desk-request'; reference: string }
  | { name: 'desk-directory' }
  | { name: 'desk-templates' }
  | { name: 'desk-agents' };
export type RouteName = Route['name'];
type Params<N extends RouteName> = Omit<Extract<Route, { name: N }>, 'name'>;

/** Who sees a navigation entry: everyone, only before logging in, a supplier, a PLSA, an agent. */
export type Audience = 'everyone' | 'guest' | 'supplier' | 'plsa' | 'desk';

export interface NavEntry {
  label: MessageKey;
  icon: IconName;
  audience: Audience;
  /** Other routes that light this entry up. */
  also?: RouteName[];
}

export interface RouteEntry {
  name: RouteName;
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each screen takes its route's params
  screen: Component<any>;
  /** Behind the login: without a session the app goes to the login screen. */
  private?: true;
  nav?: NavEntry;
  /** The params from the address's query; null sends to `fallback` (a missing reference, say). */
  read?(query: URLSearchParams): object | null;
  /** The query a link carries, when its names differ from the params'. */
  write?(params: object): Record<string, string | null>;
  fallback?: RouteName;
}

/** An entry, checked against its route's params (the table then holds them side by side). */
const route = <N extends RouteName>(
  entry: Omit<RouteEntry, 'name' | 'read' | 'write'> & {
    name: N;
    read?(query: URLSearchParams): Params<N> | null;
    write?(params: Params<N>): Record<string, string | null>;
  },
): RouteEntry & { name: N } => entry;

export const ROUTES = [
  route({ name: 'home', path: '/', screen: Home, nav: { label: 'app.nav.home', icon: 'home', audience: 'everyone' } }),
  route({
    name: 'access',
    path: '/access',
    screen: GetAccess,
    nav: { label: 'app.nav.access', icon: 'access', audience: 'everyone' },
  }),
  route({ name: 'company-file', path: '/company-file', screen: CompanyFileForm }),
  route({ name: 'cofor-help', path: '/cofor-help', screen: CoforHelpForm }),
  route({
    name: 'access-request',
    path: '/access-request',
    screen: AccessRequestForm,
    read: (q) => ({ cofor: q.get('cofor') }),
  }),
  route({
    name: 'help',
    path: '/help',
    screen: HelpTopic,
    nav: { label: 'nav.help', icon: 'help', audience: 'everyone', also: ['guide', 'contact'] },
  }),
  route({
    name: 'guide',
    path: '/guide',
    screen: GuideView,
    read: (q) => {
      const id = q.get('id') as GuideId | null;
      return id && (GUIDE_IDS as readonly string[]).includes(id) ? { id } : null;
    },
    fallback: 'help',
  }),
  route({
    name: 'contact',
    path: '/contact',
    screen: ContactForm,
    // From an analysis: "Contact the assistance about this request" names its purpose and COFOR.
    read: (q) => {
      const purpose = q.get('purpose');
      return {
        purpose: (HELP_PURPOSES as readonly string[]).includes(purpose ?? '') ? (purpose as HelpPurpose) : null,
        cofor: /^[A-Z0-9]{6}$/.test(q.get('cofor') ?? '') ? q.get('cofor') : null,
      };
    },
  }),
  route({
    name: 'requests',
    path: '/requests',
    screen: MyRequests,
    nav: { label: 'nav.requests', icon: 'requests', audience: 'everyone' },
  }),
  route({
    name: 'desk',
    path: '/desk',
    screen: DeskQueue,
    private: true,
    nav: { label: 'nav.desk', icon: 'desk', audience: 'desk', also: ['desk-request'] },
  }),
  route({
    name: 'desk-request',
    path: '/desk/request',
    screen: DeskRequest,
    private: true,
    read: (q) => {
      const reference = q.get('ref');
      return reference ? { reference } : null;
    },
    write: ({ reference }) => ({ ref: reference }),
    fallback: 'desk',
  }),
  route({
    name: 'desk-directory',
    path: '/desk/directory',
    screen: DeskDirectory,
    private: true,
    nav: { label: 'nav.directory', icon: 'directory', audience: 'desk' },
  }),
  route({
    name: 'desk-templates',
    path: '/desk/templates',
    screen: DeskTemplates,
    private: true,
    nav: { label: 'nav.templates', icon: 'templates', audience: 'desk' },
  }),
  route({
    name: 'desk-agents',
    path: '/desk/agents',
    screen: DeskAgentsScreen,
    private: true,
    nav: { label: 'nav.agents', icon: 'agents', audience: 'desk' },
  }),
  route({
    name: 'account',
    path: '/account',
    screen: PrivateArea,
    private: true,
    nav: { label: 'nav.account', icon: 'account', audience: 'supplier' },
  }),
  route({
    name: 'console',
    path: '/console',
    screen: PlsaConsole,
    private: true,
    nav: { label: 'nav.console', icon: 'console', audience: 'plsa' },
  }),
  route({
    name: 'login',
    path: '/login',
    screen: LoginScreen,
    nav: { label: 'nav.login', icon: 'login', audience: 'guest' },
  }),
  route({
    name: 'recovery',
    path: '/recovery',
    screen: RecoveryScreen,
    read: (q) => {
      const form = q.get('form');
      return {
        form: (RECOVERY_FORMS as readonly string[]).includes(form ?? '') ? (form as RecoveryForm) : 'password',
        login: knownLogin(q.get('login')),
      };
    },
  }),
  route({
    name: 'login-help',
    path: '/login-help',
    screen: LoginHelpScreen,
    read: (q) => ({ login: knownLogin(q.get('login')) }),
  }),
  route({ name: 'change-password', path: '/change-password', screen: ForcedPasswordChange, private: true }),
  route({ name: 'settings', path: '/settings', screen: MailSettings }),
  route({ name: 'about', path: '/about', screen: AboutScreen }),
];

// Every route of the union has exactly one entry: a forgotten one does not compile.
type Missing = Exclude<RouteName, (typeof ROUTES)[number]['name']>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

export const entryOf = (name: RouteName): RouteEntry => ROUTES.find((r) => r.name === name) ?? ROUTES[0]!;

export const inNavigation = (entry: RouteEntry): entry is RouteEntry & { nav: NavEntry } => entry.nav !== undefined;
