// A button that waits says so: `busy.run(work)` holds `busy.now` true while the work runs, the
// button shows it (disabled, aria-busy, a spinner from styles.css), and a second click while it
// waits does nothing rather than sending twice.
export class Busy {
  now = $state(false);

  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.now) return undefined;
    this.now = true;
    try {
      return await work();
    } finally {
      this.now = false;
    }
  }
}
