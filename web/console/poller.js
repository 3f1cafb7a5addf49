// Calls `fn` every `ms` while started and the page is visible; one call at a time.
export class Poller {
  constructor(fn, ms) {
    this.fn = fn;
    this.ms = ms;
    this.active = false;
    this.timer = null;
    this.inFlight = false;
    document.addEventListener('visibilitychange', () => {
      if (this.active && !document.hidden) this.now();
    });
  }

  start() {
    if (this.active) return;
    this.active = true;
    this.now();
  }

  stop() {
    this.active = false;
    clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs now (and then every `ms`). */
  async now() {
    clearTimeout(this.timer);
    if (!this.active || this.inFlight) return;
    this.inFlight = true;
    try {
      await this.fn();
    } catch { /* the view shows its own errors */ } finally {
      this.inFlight = false;
    }
    if (this.active && !document.hidden) this.timer = setTimeout(() => this.now(), this.ms);
  }
}
