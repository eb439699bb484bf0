/**
 * A token bucket: `rate` tokens per second up to `burst`. Refilled lazily
 * when asked, so idle sockets cost no timer.
 */
export class TokenBucket {
  #tokens: number;
  #updated: number;
  #rate: number;
  #burst: number;

  /** Starts full. */
  constructor(rate: number, burst: number, now = performance.now()) {
    this.#rate = rate;
    this.#burst = burst;
    this.#tokens = burst;
    this.#updated = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now = performance.now()): boolean {
    const elapsed = (now - this.#updated) / 1000;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#rate);
    this.#updated = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
