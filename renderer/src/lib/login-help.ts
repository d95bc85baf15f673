// "I cannot log in": the decision tree that leads a person to the one form that fits, offline
// (nothing is asked of the engine on the way). Each answer is a step; a leaf says why this form,
// and where it goes, with what is already known (the login typed on the login screen).
import type { Route } from './routes';

export type LoginHelpStep = 'start' | 'password';

export type LoginHelpLeaf =
  'username' | 'password-plsa' | 'password-user' | 'blocked' | 'find-plsa' | 'plsa-left' | 'not-open' | 'deactivated';

export type LoginHelpAnswer =
  | 'username'
  | 'password'
  | 'blocked'
  | 'find-plsa'
  | 'plsa-left'
  | 'not-open'
  | 'deactivated'
  | 'i-am-plsa'
  | 'i-am-user'
  | 'not-sure';

export interface LoginHelpChoice {
  /** Its words are `loginHelp.answer.<answer>`. */
  answer: LoginHelpAnswer;
  next: LoginHelpStep | LoginHelpLeaf;
}

export const LOGIN_HELP_STEPS: Record<LoginHelpStep, LoginHelpChoice[]> = {
  start: [
    { answer: 'username', next: 'username' },
    { answer: 'password', next: 'password' },
    { answer: 'blocked', next: 'blocked' },
    { answer: 'find-plsa', next: 'find-plsa' },
    // Nobody can hand out logins any more: the PLSA left without handing over.
    { answer: 'plsa-left', next: 'plsa-left' },
    { answer: 'not-open', next: 'not-open' },
    { answer: 'deactivated', next: 'deactivated' },
  ],
  // A new password comes from the PLSA, except for a PLSA, who gets one by e-mail.
  password: [
    { answer: 'i-am-plsa', next: 'password-plsa' },
    { answer: 'i-am-user', next: 'password-user' },
    { answer: 'not-sure', next: 'password-user' },
  ],
};

export const isStep = (next: string): next is LoginHelpStep => Object.hasOwn(LOGIN_HELP_STEPS, next);

/** Where a leaf leads, with what is known filled in. */
export function destinationOf(leaf: LoginHelpLeaf, known: { login: string | null }): Route {
  const login = known.login;
  switch (leaf) {
    case 'username':
      return { name: 'recovery', form: 'username', login: null };
    case 'password-plsa':
      return { name: 'recovery', form: 'password', login };
    case 'password-user':
    case 'find-plsa':
      return { name: 'recovery', form: 'plsa', login };
    case 'blocked':
      return { name: 'recovery', form: 'blocked', login };
    case 'not-open':
      return { name: 'access' };
    case 'plsa-left':
      return { name: 'contact', purpose: 'replace-plsa', cofor: null };
    case 'deactivated':
      return { name: 'contact', purpose: 'cofor', cofor: null };
  }
}

/** A V login as the person typed it, or nothing (a user name or an e-mail is not carried). */
export const knownLogin = (typed: string | null | undefined): string | null => {
  const login = (typed ?? '').trim().toUpperCase();
  return /^V\d{6}$/.test(login) ? login : null;
};
