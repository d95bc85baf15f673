// A status the header keeps up to date (the outbox, the hub link): read on a timer, after
// anything that may change it, and set from the answer of an action that returns it.
import type { ApiResult } from '$contract/result';

export function polledStatus<T>(read: () => Promise<ApiResult<T>>) {
  let current = $state<T | null>(null);
  let timer: ReturnType<typeof setInterval> | null = null;
  const take = (r: ApiResult<T>) => {
    if (r.ok) current = r.value;
  };
  const status = {
    get current(): T | null {
      return current;
    },
    /** Shows what an action answered (Send now, Sync now). */
    take,
    async refresh(): Promise<void> {
      take(await read());
    },
    watch(intervalMs = 10_000): void {
      void status.refresh();
      timer ??= setInterval(() => void status.refresh(), intervalMs);
    },
  };
  return status;
}
