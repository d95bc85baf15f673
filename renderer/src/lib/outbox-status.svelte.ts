// The outbox seen from the screens: online or not, what waits, what failed. Refreshed on a
// timer and after anything that may change it.
import type { OutboxStatus } from '$contract/help';
import { api } from './api';

let current = $state<OutboxStatus | null>(null);
let timer: ReturnType<typeof setInterval> | null = null;

export const outboxStatus = {
  get current() {
    return current;
  },
  async refresh(): Promise<void> {
    const r = await api.outboxStatus({});
    if (r.ok) current = r.value;
  },
  async sendNow(): Promise<void> {
    const r = await api.sendNow({});
    if (r.ok) current = r.value;
  },
  watch(intervalMs = 10_000): void {
    void outboxStatus.refresh();
    timer ??= setInterval(() => void outboxStatus.refresh(), intervalMs);
  },
};
