/**
 * A value that arrives after start-up. The server listens before the index has loaded, so that
 * health checks answer and `/readyz` can say "not yet".
 */
export class ReadinessHandle<T> {
  private value: T | undefined;
  private readonly waiters = new Set<(value: T) => void>();

  set(value: T): void {
    this.value = value;
    for (const wake of this.waiters) wake(value);
    this.waiters.clear();
  }

  get(): T | undefined {
    return this.value;
  }

  /** The value once set, or undefined if it is not set within `ms`. */
  async within(ms: number): Promise<T | undefined> {
    if (this.value !== undefined || ms <= 0) return this.value;
    let wake: ((value: T) => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<T | undefined>((resolve) => {
        wake = resolve;
        this.waiters.add(resolve);
        timer = setTimeout(() => resolve(undefined), ms);
      });
    } finally {
      clearTimeout(timer);
      if (wake) this.waiters.delete(wake);
    }
  }
}
