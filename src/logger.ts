import { destination, type Logger, pino } from "pino";

export type { Logger };

/** Structured JSON logs; `fd` 2 keeps them off stdout for command-line tools. */
export function createLogger(level: string, name = "briefwijzer", fd: 1 | 2 = 1): Logger {
  return pino({ name, level, base: { service: name } }, destination({ fd, sync: true }));
}

/**
 * For lines that a failure repeats at the rate of requests or retries: `write` runs at most once
 * per `intervalMs`, and is told how many lines were left out since it last ran. Returns whether
 * it ran.
 */
export function throttled(intervalMs: number) {
  let last = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  return (write: (skipped: number) => void): boolean => {
    if (performance.now() - last < intervalMs) {
      skipped += 1;
      return false;
    }
    last = performance.now();
    write(skipped);
    skipped = 0;
    return true;
  };
}
