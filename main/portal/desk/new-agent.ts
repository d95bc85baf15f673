// The rules for a new assistance agent, the same on a workstation's command line and the hub's:
// a user name that is never mistaken for a V login, a name, an address, a password by the policy.
import { DESK_USERNAME } from '../../../preload/contract/schemas/desk';
import { checkPassword } from '../accounts/password-policy';

export interface NewAgent {
  username: string;
  fullName: string;
  email: string;
}

/** What is wrong with this agent, in a sentence for the command line; null when nothing is.
 * Checked before the password is read, so a typo is told without waiting for standard input. */
export function newAgentProblem(agent: NewAgent): string | null {
  if (!DESK_USERNAME.test(agent.username))
    return '--username: lower-case letters and digits with a dot, dash or underscore, such as desk.ana (not a V login).';
  if (!agent.fullName.trim()) return '--name is required.';
  if (!/^[^@\s]+@[^@\s]+$/.test(agent.email)) return '--email needs an e-mail address.';
  return null;
}

export function agentPasswordProblem(
  agent: NewAgent,
  password: string,
  commonPasswords: ReadonlySet<string>,
): string | null {
  const rejection = checkPassword(
    password,
    { login: agent.username, personName: agent.fullName || null },
    commonPasswords,
  );
  return rejection
    ? `The password is refused (${rejection}): at least 15 characters, not common, without the user name.`
    : null;
}
