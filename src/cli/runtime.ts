import { type Config, ConfigError, loadConfig } from "../config.js";
import { createLogger, type Logger } from "../logger.js";

/**
 * Config and logger for an entry point; exits with the message on bad configuration. Commands log
 * to stderr (fd 2) so that their own output stays clean on stdout; the server logs to stdout.
 */
export function cliRuntime(logFd: 1 | 2 = 2): { config: Config; logger: Logger } {
  try {
    const config = loadConfig();
    return { config, logger: createLogger(config.logLevel, "briefwijzer", logFd) };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
