import { destination, type Logger, pino } from "pino";

export type { Logger };

/** Structured JSON logs; `fd` 2 keeps them off stdout for command-line tools. */
export function createLogger(level: string, name = "briefwijzer", fd: 1 | 2 = 1): Logger {
  return pino({ name, level, base: { service: name } }, destination({ fd, sync: true }));
}
