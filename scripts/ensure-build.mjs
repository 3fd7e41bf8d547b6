// `prestart` and `prebench`: runs `npm run build` when dist/ is missing or older than the sources,
// so that `npm ci && npm start` on a fresh clone just works. Plain JavaScript, because it runs
// before anything is compiled. A production install ships dist/ without src/ and is left as it is.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const STAMP = "dist/build.json";
const SOURCES = [
  "src",
  "scripts/build.ts",
  "tsconfig.json",
  "tsconfig.build.json",
  "package-lock.json",
];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

if (!existsSync("src")) {
  if (!existsSync(STAMP)) {
    process.stderr.write("dist/ is missing and there are no sources to build it from.\n");
    process.exit(1);
  }
  process.exit(0);
}
const sourcesMtime = Math.max(...SOURCES.filter((p) => existsSync(p)).map(newestMtime));
if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= sourcesMtime) process.exit(0);

process.stderr.write("dist/ is missing or older than the sources: building…\n");
const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], {
  stdio: ["ignore", 2, 2],
});
process.exit(build.status ?? 1);
