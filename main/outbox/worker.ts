// Runs deliveries in the background: on a timer, and soon after something is queued or a person
// presses "Send now". A failed round is logged and the next one tries again.
import type { Delivery } from './delivery';

export function createDeliveryWorker(
  delivery: Delivery,
  options: { intervalMs: number; log?: (m: string, d?: unknown) => void },
) {
  let timer: ReturnType<typeof setInterval> | null = null;
  let kicked: ReturnType<typeof setTimeout> | null = null;
  const run = () =>
    delivery.deliverDue().catch((error: unknown) => {
      options.log?.('delivery round failed', error);
    });
  return {
    start(): void {
      delivery.recoverAfterCrash();
      timer ??= setInterval(run, options.intervalMs);
      timer.unref?.();
      void run();
    },
    /** Something was queued: deliver it shortly, gathering what is queued at the same moment. */
    kick(): void {
      if (!timer || kicked) return;
      kicked = setTimeout(() => {
        kicked = null;
        void run();
      }, 200);
    },
    stop(): void {
      if (timer) clearInterval(timer);
      if (kicked) clearTimeout(kicked);
      timer = kicked = null;
    },
  };
}
