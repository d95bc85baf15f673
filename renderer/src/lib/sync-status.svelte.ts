// The hub link seen from the header: whether the hub answers, what waits to sync, when it last
// synced. Nothing on a standalone workstation.
import type { SyncStatus } from '$contract/dto';
import { api } from './api';

let current = $state<SyncStatus | null>(null);
let timer: ReturnType<typeof setInterval> | null = null;

export const syncStatus = {
  get current() {
    return current;
  },
  async refresh(): Promise<void> {
    const r = await api.syncStatus({});
    if (r.ok) current = r.value;
  },
  async syncNow(): Promise<void> {
    const r = await api.syncNow({});
    if (r.ok) current = r.value;
  },
  watch(intervalMs = 10_000): void {
    void syncStatus.refresh();
    timer ??= setInterval(() => void syncStatus.refresh(), intervalMs);
  },
};
