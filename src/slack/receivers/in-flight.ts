/** The requests a receiver is handling right now, so stopping can wait for them. */
export class InFlight {
  readonly #running = new Set<Promise<void>>();

  /** Runs `work`, reporting a failure to `onError` instead of rejecting. */
  track(work: Promise<void>, onError: (error: unknown) => void): void {
    const handled = work.catch(onError);
    this.#running.add(handled);
    void handled.finally(() => this.#running.delete(handled));
  }

  /** Resolves when nothing is running. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }
}
