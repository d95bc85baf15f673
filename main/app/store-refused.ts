// What the desktop app shows when the store guard refuses the local store: the same facts as
// the command line, with the two ways on as buttons instead of commands. Built and tested
// without Electron; main/index.ts only shows the box and relaunches.
import type { MessageBoxSyncOptions } from 'electron';
import { acceptStore, restoreBackup } from '../store/backups';
import type { StoreError } from '../store/store-error';

export { isRecoverable } from '../store/store-error';

export function refusedStoreBox(error: StoreError): MessageBoxSyncOptions {
  const [what = '', backup = ''] = error.message.split('\n');
  return {
    type: 'warning',
    title: 'B2B Portal cannot open its data',
    message: what,
    detail: `${backup}\n\nRestoring puts the latest backup in place; keeping the store opens it as it is now. Either way, a copy of the current files is kept in the data folder's "backups" folder.`,
    buttons: [
      'Restore the latest backup',
      error.code === 'store-vanished' ? 'Start with an empty store' : 'Keep the store as it is',
      'Quit',
    ],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  };
}

/** Acts on the button chosen; true when the app should start again. */
export function actOnRefusedStore(choice: number, storeFile: string, now: Date): boolean {
  if (choice === 0) restoreBackup(storeFile, now);
  else if (choice === 1) acceptStore(storeFile, now);
  return choice === 0 || choice === 1;
}
