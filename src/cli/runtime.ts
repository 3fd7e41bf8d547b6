import { type Config, ConfigError, loadConfig } from "../config.js";
import { createLogger, type Logger } from "../logger.js";

/** Config and logger for a command-line entry point; exits with the message on bad configuration. */
export function cliRuntime(): { config: Config; logger: Logger } {
  try {
    const config = loadConfig();
    // Logs go to stderr so that a command's own output stays clean on stdout.
    return { config, logger: createLogger(config.logLevel, "briefwijzer", 2) };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
