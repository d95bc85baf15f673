// The anonymous owner of this window's drafts: a random id kept while the window is open (a
// reload or a host restart keeps it) and renewed at every login and logout, so that what one
// person typed is never offered to the next one at the same workstation.
const KEY = 'portal.visit';

const fresh = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const id = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  sessionStorage.setItem(KEY, id);
  return id;
};

export const visit = {
  get id(): string {
    return sessionStorage.getItem(KEY) ?? fresh();
  },
  renew: (): void => void fresh(),
};
