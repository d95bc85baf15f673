// The hub link seen from the header: whether the hub answers, what waits to sync, when it last
// synced. Nothing on a standalone workstation.
import { api } from './api';
import { polledStatus } from './polled-status.svelte';

const polled = polledStatus(() => api.syncStatus({}));

export const syncStatus = Object.assign(polled, {
  async syncNow(): Promise<void> {
    polled.take(await api.syncNow({}));
  },
});
