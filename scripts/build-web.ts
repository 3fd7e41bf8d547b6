import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildWebAssets, WIDGET_GZIP_BUDGET } from "../src/web/build.js";

/**
 * `npx tsx scripts/build-web.ts`: the same in-memory build the server does at start-up, written to
 * dist/web/ for inspection or a CDN, with sizes. Fails when the widget is over its budget.
 */
const outdir = "dist/web";
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const assets = buildWebAssets();
mkdirSync(outdir, { recursive: true });
for (const [name, asset] of assets.files) {
  writeFileSync(join(outdir, name), asset.body);
  process.stdout.write(
    `${name.padEnd(12)} ${kb(asset.body.length).padStart(9)} ${kb(asset.gzipped.length).padStart(9)} gzipped\n`,
  );
}
process.stdout.write(
  `widget.js gzipped: ${kb(assets.widgetGzipBytes)} of ${kb(WIDGET_GZIP_BUDGET)} (built in ${assets.buildMs} ms)\n`,
);
if (assets.widgetGzipBytes >= WIDGET_GZIP_BUDGET) process.exit(1);
