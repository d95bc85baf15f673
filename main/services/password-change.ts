// The checks of a password change, the same for a supplier's account and an agent's.
import { checkPassword } from '../portal/accounts/password-policy';
import { verifyPassword } from '../secrets/password-hasher';
import { fieldError } from './errors';

/**
 * A password change's checks, for suppliers and agents alike: after a temporary password the
 * session itself proves identity, otherwise the current password is asked again; then the policy.
 */
export async function checkPasswordChange(
  input: { currentPassword: string; newPassword: string },
  holder: { mustChange: boolean; passwordHash: string | null },
  context: Parameters<typeof checkPassword>[1],
  commonPasswords: ReadonlySet<string>,
): Promise<void> {
  if (
    !holder.mustChange &&
    !(holder.passwordHash && (await verifyPassword(input.currentPassword, holder.passwordHash)))
  )
    throw fieldError(
      'invalid-input',
      'currentPassword',
      'password.current-wrong',
      'The current password is not right.',
    );
  const rejection = checkPassword(input.newPassword, context, commonPasswords);
  if (rejection) throw fieldError('invalid-input', 'newPassword', rejection, 'The new password is refused.');
}
