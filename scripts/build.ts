import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { WIDGET_GZIP_BUDGET, writeWebAssets } from "../src/web/build.js";

/**
 * `npm run build`: the server compiled to dist/ (plain JavaScript, run by `npm start`) and the
 * browser bundles prebuilt into dist/assets/, content-hashed, each with a gzipped variant.
 */
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

rmSync("dist", { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
const assets = writeWebAssets("dist/assets");
for (const asset of assets.files.values()) {
  process.stdout.write(
    `dist/assets/${asset.hashedName.padEnd(26)} ${kb(asset.body.length).padStart(9)} ${kb(asset.gzipped.length).padStart(9)} gzipped\n`,
  );
}
process.stdout.write(
  `widget.js gzipped: ${kb(assets.widgetGzipBytes)} of ${kb(WIDGET_GZIP_BUDGET)} (bundled in ${assets.buildMs} ms)\n`,
);
if (assets.widgetGzipBytes >= WIDGET_GZIP_BUDGET) process.exit(1);
// The stamp that prestart compares with the sources' modification times.
writeFileSync("dist/build.json", `${JSON.stringify({ builtAt: new Date() })}\n`);
