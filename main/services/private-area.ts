// The private area: my account, my company with its stage tracker, and my PLSAs (names and
// business e-mails are shown only to a logged-in colleague).
import type { PlsaContinuity, PrivateArea } from '../../preload/contract/accounts';
import { analyzeCofor } from '../portal/onboarding/stages';
import type { AccountsRepository } from '../store/accounts';
import type { DirectoryRepository } from '../store/directory';
import { accountView } from './auth';
import type { Caller } from './session-guard';

export type PrivateAreaService = ReturnType<typeof createPrivateAreaService>;

export function createPrivateAreaService(deps: {
  accounts: AccountsRepository;
  directory: DirectoryRepository;
  now: () => Date;
  /** Whether the person is the only PLSA, and a hand-over for them (plsa-continuity.ts). */
  continuity: (caller: Caller) => Promise<PlsaContinuity>;
}) {
  return {
    async privateArea(_input: unknown, caller: Caller): Promise<PrivateArea> {
      const { account } = caller;
      const outcome = analyzeCofor({ cofor: account.cofor }, deps.directory.companyFacts, deps.now());
      if (!outcome.ok) throw new Error(`stored COFOR ${account.cofor} does not parse`);
      const plsas = deps.accounts
        .ofCompany(account.companyId)
        .filter((a) => a.role === 'plsa' && a.state === 'active')
        .map((a) => ({ fullName: a.fullName ?? a.login, email: a.email }));
      return {
        account: accountView(account),
        analysis: outcome.analysis,
        plsas,
        continuity: await deps.continuity(caller),
      };
    },
  };
}
