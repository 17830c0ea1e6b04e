/**
 * A wait that something else can cut short. A wake-up that arrives while nobody waits is kept, so news
 * that comes in during a pass (new mail announced mid-fetch) is not missed: the next wait returns at once.
 */
export class WakeSignal {
  private isPending = false;
  private release: (() => void) | null = null;

  /** Ends the current wait, or the next one if nobody is waiting. */
  wake(): void {
    if (this.release) this.release();
    else this.isPending = true;
  }

  /** Forgets a wake-up that nobody waited for. */
  clear(): void {
    this.isPending = false;
  }

  /** Resolves after `ms`, or sooner on `wake()`. */
  wait(ms: number): Promise<void> {
    if (this.isPending) {
      this.isPending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.release === done) this.release = null;
        resolve();
      };
      // Unreferenced: a waiting watcher alone must not keep the process alive.
      const timer = setTimeout(done, ms);
      timer.unref();
      this.release = done;
    });
  }
}
