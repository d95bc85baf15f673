// Where an e-mail this workstation makes goes from here, as the header's statuses know it: to the
// portal hub (linked), to this computer's mail relay, or nowhere yet (standalone, no relay: it
// waits until an assistance agent sets one up). null until both statuses were read.
import { t } from './i18n/i18n.svelte';
import { outboxStatus } from './outbox-status.svelte';
import { syncStatus } from './sync-status.svelte';

export type MailRoute = 'hub' | 'relay' | 'nowhere';

export function mailRoute(): MailRoute | null {
  const sync = syncStatus.current;
  const outbox = outboxStatus.current;
  if (sync?.linked) return 'hub';
  if (!sync || !outbox) return null;
  return outbox.relayConfigured ? 'relay' : 'nowhere';
}

/** Reads both statuses now: a form says what happens at Submit from what is true now. */
export function readMailRoute(): void {
  void outboxStatus.refresh();
  void syncStatus.refresh();
}

/** What a desk's confirmation adds when its e-mail cannot leave yet: the hub has no relay (a new
 * PLSA's temporary password waits there), or this standalone desk has none. */
export function deskMailWaits(viaHub: boolean): string {
  if (viaHub) return syncStatus.current?.hubMail?.relay === false ? ` ${t('delivery.hub.noRelay')}` : '';
  return outboxStatus.current?.relayConfigured === false ? ` ${t('delivery.desk.noRelay')}` : '';
}
