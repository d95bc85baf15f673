// The outbox seen from the screens: online or not, what waits, what failed.
import { api } from './api';
import { polledStatus } from './polled-status.svelte';

const polled = polledStatus(() => api.outboxStatus({}));

export const outboxStatus = Object.assign(polled, {
  async sendNow(): Promise<void> {
    polled.take(await api.sendNow({}));
  },
});
