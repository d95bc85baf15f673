// Assistance agents' logins and password changes, on the login screen suppliers use: the same
// throttle and the same two hash checks as a V login, so the kind of login typed costs the same.
import type { SessionStart } from '../../preload/contract/accounts';
import { shouldBlock } from '../portal/accounts/lockout';
import { decoyHash, hashPassword } from '../secrets/password-hasher';
import type { AuthDeps } from './auth';
import { checkPasswordChange } from './password-change';
import type { DeskGuard } from './desk-guard';
import type { PortalError } from './errors';
import { hashToken } from './session-guard';

export function createDeskAuth(
  deps: AuthDeps,
  shared: {
    reserveAttempt: (key: string, at: Date) => number;
    verify: (password: string, hash: string) => Promise<boolean>;
    invalid: () => PortalError;
    newToken: () => string;
    hours: (at: Date, h: number) => Date;
  },
) {
  const { db, accounts, config, now } = deps;
  const { reserveAttempt, verify, invalid, newToken, hours } = shared;

  /** Assistance agents log in with a user name (not a V login), on the same screen. */
  async function deskLogin(username: string, password: string): Promise<SessionStart> {
    const at = now();
    const key = `desk:${username}`;
    const failures = reserveAttempt(key, at);
    const agent = deps.desk.agentByUsername(username);
    // Two checks, as for a V login, so that the kind of login typed costs the same.
    const matches = await verify(password, agent?.passwordHash ?? decoyHash());
    await verify(password, decoyHash());
    if (!agent || !agent.passwordHash || !matches || agent.state !== 'active') {
      if (agent && agent.state === 'active' && shouldBlock(failures, config.lockout)) {
        db.transaction(() => {
          deps.desk.setAgentState(agent.id, 'blocked');
          deps.desk.endAgentSessions(agent.id);
          accounts.audit(
            {
              companyId: null,
              actor: 'system',
              action: 'desk-agent-blocked-after-failed-logins',
              targetLogin: username,
              details: { failures },
            },
            at,
          );
        })();
      }
      throw invalid();
    }
    accounts.clearFailures(key);
    const token = newToken();
    deps.desk.createSession(hashToken(token), agent.id, at, hours(at, config.sessionHours), agent.mustChangePassword);
    return {
      session: token,
      account: {
        login: agent.username,
        fullName: agent.fullName,
        email: agent.email,
        role: 'desk',
        companyName: '',
        cofor: '',
      },
      mustChangePassword: agent.mustChangePassword,
      remembered: false,
      rememberProblem: null,
    };
  }

  async function changeDeskPassword(
    caller: NonNullable<ReturnType<DeskGuard['find']>>,
    input: { currentPassword: string; newPassword: string },
  ) {
    await checkPasswordChange(
      input,
      { mustChange: caller.mustChangePassword, passwordHash: caller.agent.passwordHash },
      { login: caller.agent.username, personName: caller.agent.fullName },
      deps.commonPasswords,
    );
    const hash = await hashPassword(input.newPassword, config.hashCost);
    const ended = db.transaction(() => {
      deps.desk.setAgentPassword(caller.agent.id, hash);
      deps.desk.clearSessionMustChange(caller.tokenHash);
      accounts.audit({ companyId: null, actor: caller.agent.username, action: 'desk-password-changed' }, now());
      return deps.desk.endOtherSessions(caller.agent.id, caller.tokenHash);
    })();
    return { changed: true as const, otherSessionsEnded: ended };
  }

  return { deskLogin, changeDeskPassword };
}
