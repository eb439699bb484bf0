/** Counters the status page and `/api/status` show. */
export class HubMetrics {
  /** Events taken from the log and routed. */
  events = 0;
  /** Frames sent for those events (one per recipient). */
  deliveries = 0;
  /** Resumes that replayed from the log. */
  replays = 0;
  /** Resumes whose cursor was too old. */
  resyncs = 0;
  /** Sockets closed for reading too slowly. */
  slowCloses = 0;
  /** Sockets closed for flooding. */
  rateLimitCloses = 0;
  /** Handshakes refused (caps, rate). */
  refused = 0;
  #window: { at: number; events: number; deliveries: number }[] = [];

  /** Records a per-second sample; call once a second. */
  sample(now = Date.now()): void {
    this.#window.push({
      at: now,
      events: this.events,
      deliveries: this.deliveries,
    });
    while (this.#window.length > 11) this.#window.shift();
  }

  /** Events and deliveries per second over the last ~10 s. */
  rates(): { eventsPerSecond: number; deliveriesPerSecond: number } {
    const first = this.#window[0];
    const last = this.#window.at(-1);
    if (!first || !last || last.at === first.at) {
      return { eventsPerSecond: 0, deliveriesPerSecond: 0 };
    }
    const seconds = (last.at - first.at) / 1000;
    return {
      eventsPerSecond: Math.round((last.events - first.events) / seconds * 10) /
        10,
      deliveriesPerSecond: Math.round(
        (last.deliveries - first.deliveries) / seconds,
      ),
    };
  }
}
