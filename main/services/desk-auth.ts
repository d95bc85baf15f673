// Assistance agents' logins and password changes, on the login screen suppliers use: the same
// throttle and the same two hash checks as a V login, so the kind of login typed costs the same.
import type { SessionStart } from '../../preload/contract/accounts';
import { decoyHash, hashPassword } from '../secrets/password-hasher';
import type { AuthDeps } from './auth';
import { checkPasswordChange } from './password-change';
import type { DeskGuard } from './desk-guard';
import { PortalError } from './errors';
import type { HubAccounts } from './hub-accounts';
import type { AgentRow } from '../store/desk';

/** How long after the hub last accepted an agent's password here they may log in without it. */
export const OFFLINE_HOURS = 12;
import { hashToken } from '../secrets/token-hash';

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
    reserveAttempt(key, at); // slows the next attempt; never blocks the agent (lockout.ts)
    if (deps.hubAccounts?.linked()) {
      const agent = await agentThroughHub(deps.hubAccounts, username, password, at);
      accounts.clearFailures(key);
      return startDeskSession(agent, at);
    }
    const agent = deps.desk.agentByUsername(username);
    // Two checks, as for a V login, so that the kind of login typed costs the same.
    const matches = await verify(password, agent?.passwordHash ?? decoyHash());
    await verify(password, decoyHash());
    if (!agent || !agent.passwordHash || !matches || agent.state !== 'active') throw invalid();
    accounts.clearFailures(key);
    return startDeskSession(agent, at);
  }

  /**
   * On a workstation linked to a hub, the hub holds agents' passwords and answers. Once it has
   * accepted one here, this workstation keeps its own hash of it: for 12 hours the agent may log
   * in again while the hub cannot be reached, and their decisions wait to sync. Offline, every
   * failure gets the one answer (needs the hub), so it tells nobody who logged in here lately.
   */
  async function agentThroughHub(hub: HubAccounts, username: string, password: string, at: Date): Promise<AgentRow> {
    try {
      const checked = await hub.checkAgent(username, password);
      const hash = await hashPassword(password, config.hashCost);
      return deps.desk.keepHubAgent(checked, hash, at);
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      if (error.code === 'invalid-credentials') deps.desk.forgetHubCheck(username);
      if (error.code !== 'needs-hub') throw error;
    }
    const agent = deps.desk.agentByUsername(username);
    const checkedAt = agent?.hubCheckedAt ? new Date(agent.hubCheckedAt).getTime() : null;
    const recent = checkedAt !== null && at.getTime() - checkedAt < OFFLINE_HOURS * 3_600_000;
    const matches = await verify(password, (recent && agent?.passwordHash) || decoyHash());
    await verify(password, decoyHash()); // the same work as online and as a V login
    if (!agent || !recent || !matches || agent.state !== 'active')
      throw new PortalError(
        'needs-hub',
        `Logging in needs the portal hub, and this workstation cannot reach it now. An agent who logged in here through the hub in the last ${OFFLINE_HOURS} hours can log in with the same password while it is away.`,
      );
    return agent;
  }

  function startDeskSession(agent: AgentRow, at: Date): SessionStart {
    const token = newToken();
    deps.desk.createSession(hashToken(token), agent.id, at, hours(at, config.sessionHours), agent.mustChangePassword);
    // Who logged in at the desk, and when: the Agents screen shows each agent's last login.
    accounts.audit({ companyId: null, actor: agent.username, action: 'desk-login' }, at);
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
    if (deps.hubAccounts?.linked()) {
      // The hub keeps agents' passwords; this workstation keeps its own hash of the new one, for
      // an offline login as after any login through the hub.
      const { agent } = caller;
      await deps.hubAccounts.changeAgentPassword(agent.username, input.currentPassword, input.newPassword);
      const hash = await hashPassword(input.newPassword, config.hashCost);
      return recordDeskPasswordChange(caller, () => deps.desk.keepHubAgent(agent, hash, now()));
    }
    await checkPasswordChange(
      input,
      { mustChange: caller.mustChangePassword, passwordHash: caller.agent.passwordHash },
      { login: caller.agent.username, personName: caller.agent.fullName },
      deps.commonPasswords,
    );
    const hash = await hashPassword(input.newPassword, config.hashCost);
    return recordDeskPasswordChange(caller, () => deps.desk.setAgentPassword(caller.agent.id, hash));
  }

  function recordDeskPasswordChange(caller: NonNullable<ReturnType<DeskGuard['find']>>, keep: () => unknown) {
    const ended = db.transaction(() => {
      keep();
      deps.desk.clearSessionMustChange(caller.tokenHash);
      accounts.audit({ companyId: null, actor: caller.agent.username, action: 'desk-password-changed' }, now());
      return deps.desk.endOtherSessions(caller.agent.id, caller.tokenHash);
    })();
    return { changed: true as const, otherSessionsEnded: ended };
  }

  return { deskLogin, changeDeskPassword };
}
