import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildSync } from "esbuild";
import type { Asset, AssetManifest } from "./assets.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const BROWSERS = ["chrome100", "edge100", "firefox100", "safari16"];

/** The budget for the embeddable script. */
export const WIDGET_GZIP_BUDGET = 30 * 1024;

export interface WebAssets {
  /** By file name: page.js, letter.js, widget.js, admin.js, site.css, favicon.svg. */
  files: Map<string, Asset>;
  widgetGzipBytes: number;
  buildMs: number;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** `page.js` → `page.3f9a0c1d2b.js`: a new name whenever the content changes, so it can be cached forever. */
function hashedName(name: string, body: Buffer): string {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 10);
  const ext = extname(name);
  return `${name.slice(0, -ext.length)}.${hash}${ext}`;
}

function collect(outputs: { path: string; contents: Uint8Array }[], into: Map<string, Asset>) {
  for (const output of outputs) {
    const body = Buffer.from(output.contents);
    into.set(basename(output.path), {
      contentType: CONTENT_TYPES[extname(output.path)] ?? "application/octet-stream",
      hashedName: hashedName(basename(output.path), body),
      body,
      gzipped: gzipSync(body, { level: 9 }),
    });
  }
}

/**
 * Bundles the browser code in memory with esbuild (at build time only: esbuild is a development
 * dependency). The widget's stylesheet is built first and inlined into widget.js: one script tag, no
 * second request, and styles that only ever enter the widget's shadow root.
 */
export function buildWebAssets(): WebAssets {
  const started = performance.now();
  const outdir = join(here, "out");
  const files = new Map<string, Asset>();

  const css = buildSync({
    entryPoints: [join(here, "styles/site.css"), join(here, "styles/widget.css")],
    bundle: true,
    minify: true,
    write: false,
    outdir,
    target: BROWSERS,
    logLevel: "silent",
  });
  const widgetCss = css.outputFiles.find((file) => basename(file.path) === "widget.css");
  if (!widgetCss) throw new Error("esbuild produced no widget stylesheet");
  collect(
    css.outputFiles.filter((file) => file !== widgetCss),
    files,
  );

  const js = buildSync({
    entryPoints: {
      page: join(here, "client/page.ts"),
      letter: join(here, "client/letter.ts"),
      widget: join(here, "client/widget.ts"),
      admin: join(here, "client/admin.ts"),
    },
    bundle: true,
    minify: true,
    // Classic scripts: the widget needs document.currentScript, which modules do not have.
    format: "iife",
    write: false,
    outdir,
    target: BROWSERS,
    legalComments: "none",
    define: { BRIEFWIJZER_WIDGET_CSS: JSON.stringify(widgetCss.text) },
    logLevel: "silent",
  });
  collect(js.outputFiles, files);
  const favicon = join(here, "static/favicon.svg");
  collect([{ path: favicon, contents: readFileSync(favicon) }], files);

  const widget = files.get("widget.js");
  if (!widget) throw new Error("esbuild produced no widget.js");
  return {
    files,
    widgetGzipBytes: widget.gzipped.length,
    buildMs: Math.round(performance.now() - started),
  };
}

/**
 * Writes the bundles, each beside its gzipped variant, under their content-hashed names, and
 * `manifest.json`, which the server reads at start. The directory is replaced in one rename, so
 * a server starting meanwhile never sees half a build.
 */
export function writeWebAssets(dir: string): WebAssets {
  const assets = buildWebAssets();
  const outdir = resolve(dir);
  const staging = `${outdir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const manifest: AssetManifest = { widgetGzipBytes: assets.widgetGzipBytes, files: {} };
  for (const [name, asset] of assets.files) {
    writeFileSync(join(staging, asset.hashedName), asset.body);
    writeFileSync(join(staging, `${asset.hashedName}.gz`), asset.gzipped);
    manifest.files[name] = { file: asset.hashedName, contentType: asset.contentType };
  }
  writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  return assets;
}
