// A new account whose name or e-mail a colleague already has is made only once the PLSA confirms
// it ("create it anyway"): the fields that matched, or null when nothing asks for confirmation.
export const DUPLICATE_MESSAGE = 'A colleague already has this name or e-mail: confirm to create the account anyway.';

export function duplicateColleague(
  duplicate: { name: boolean; email: boolean },
  confirmed: boolean,
): Record<string, string> | null {
  if (confirmed || !(duplicate.name || duplicate.email)) return null;
  const fields: Record<string, string> = {};
  if (duplicate.name) fields['fullName'] = 'account.duplicate-name';
  if (duplicate.email) fields['email'] = 'account.duplicate-email';
  return fields;
}
