import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export interface Asset {
  contentType: string;
  /** `page.3f9a0c1d2b.js`: the URL the pages use, changing with the content. */
  hashedName: string;
  body: Buffer;
  gzipped: Buffer;
}

/** What `npm run build` writes beside the bundles (dist/assets/manifest.json). */
const manifestSchema = z.object({
  widgetGzipBytes: z.number().int().positive(),
  files: z.record(z.string(), z.object({ file: z.string(), contentType: z.string() })),
});
export type AssetManifest = z.infer<typeof manifestSchema>;

/**
 * dist/assets/ at the project root: src/web/ and dist/web/ sit at the same depth, so one relative
 * URL serves the server run from source (tests, tsx) and the compiled one.
 */
export const ASSETS_DIR = fileURLToPath(new URL("../../dist/assets/", import.meta.url));

export interface LoadedAssets {
  /** By logical name: page.js, letter.js, widget.js, site.css, favicon.svg. */
  byName: Map<string, Asset>;
  /** By the content-hashed name served under /assets/. */
  byHashedName: Map<string, Asset>;
  widgetGzipBytes: number;
}

/**
 * Reads the prebuilt bundles and their gzipped variants into memory (a few tens of KB), so the
 * server needs no bundler and does no compression at start or per request.
 */
export function loadWebAssets(dir: string = ASSETS_DIR): LoadedAssets {
  let manifest: AssetManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(readFileSync(`${dir}/manifest.json`, "utf8")));
  } catch (error) {
    throw new Error(
      `The web assets in ${dir} are missing or damaged; run \`npm run build\`. (${String(error)})`,
    );
  }
  const byName = new Map<string, Asset>();
  const byHashedName = new Map<string, Asset>();
  for (const [name, { file, contentType }] of Object.entries(manifest.files)) {
    const asset: Asset = {
      contentType,
      hashedName: file,
      body: readFileSync(`${dir}/${file}`),
      gzipped: readFileSync(`${dir}/${file}.gz`),
    };
    byName.set(name, asset);
    byHashedName.set(file, asset);
  }
  return { byName, byHashedName, widgetGzipBytes: manifest.widgetGzipBytes };
}
