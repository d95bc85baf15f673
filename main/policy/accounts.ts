// Account rules that are policy, not law: configurable, with the defaults documented in README.
import { DEFAULT_LOCKOUT, type LockoutPolicy } from '../portal/accounts/lockout';
import { DEFAULT_RECOVERY_CAP_PER_HOUR } from '../portal/accounts/recovery-rules';
import { DEFAULT_TEMPORARY_PASSWORD_HOURS } from '../portal/accounts/temporary-password';
import { DEFAULT_COST, type HashCost } from '../secrets/password-hasher';

export interface AccountsConfig {
  lockout: LockoutPolicy;
  sessionHours: number;
  rememberDays: number;
  temporaryPasswordHours: number;
  recoveryCapPerHour: number;
  /** Every recovery answer takes at least this long, whatever was found. */
  recoveryAnswerMs: number;
  hashCost: HashCost;
}

export const DEFAULT_ACCOUNTS_CONFIG: AccountsConfig = {
  lockout: DEFAULT_LOCKOUT,
  sessionHours: 12,
  rememberDays: 30,
  temporaryPasswordHours: DEFAULT_TEMPORARY_PASSWORD_HOURS,
  recoveryCapPerHour: DEFAULT_RECOVERY_CAP_PER_HOUR,
  recoveryAnswerMs: 700,
  hashCost: DEFAULT_COST,
};
