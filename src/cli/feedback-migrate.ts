import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { openFeedbackStore } from "../feedback/store.js";
import { cliRuntime } from "./runtime.js";

/**
 * `npm run feedback:migrate`: copies the ratings in the SQLite file (FEEDBACK_DB_PATH, or --from)
 * into PostgreSQL (DATABASE_URL, or --to), keeping their times. Ratings already copied are
 * skipped, so it is safe to run again, e.g. once more after the last single-process server stopped.
 */
const { values } = parseArgs({
  options: { from: { type: "string" }, to: { type: "string" } },
});
const { config, logger } = cliRuntime();
const from = values.from ?? config.feedback.dbPath;
const to = values.to ?? config.shared.databaseUrl;
if (!to) {
  process.stderr.write(
    "Usage: DATABASE_URL=postgres://… npm run feedback:migrate [-- --from data/feedback.sqlite]\n" +
      "       (or --to postgres://…)\n",
  );
  process.exit(2);
}
if (!existsSync(from)) {
  process.stderr.write(`No SQLite feedback file at ${from}.\n`);
  process.exit(1);
}

const source = openFeedbackStore({ path: from, logger });
const target = openFeedbackStore({ databaseUrl: to, path: from, logger });
try {
  const records = await source.list();
  const added = await target.importRecords(records);
  process.stdout.write(
    `${records.length} ratings in ${from}; ${added} copied, ${records.length - added} already there.\n`,
  );
} catch (error) {
  process.stderr.write(`Migration failed: ${(error as Error).cause ?? error}\n`);
  process.exitCode = 1;
} finally {
  await Promise.all([source.close(), target.close()]);
}
