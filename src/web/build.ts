import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildSync } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url));
const BROWSERS = ["chrome100", "edge100", "firefox100", "safari16"];

/** The budget for the embeddable script. */
export const WIDGET_GZIP_BUDGET = 30 * 1024;

export interface Asset {
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
}

export interface WebAssets {
  /** By file name: page.js, letter.js, widget.js, site.css, favicon.svg. */
  files: Map<string, Asset>;
  widgetGzipBytes: number;
  buildMs: number;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

function collect(outputs: { path: string; contents: Uint8Array }[], into: Map<string, Asset>) {
  for (const output of outputs) {
    const body = Buffer.from(output.contents);
    into.set(basename(output.path), {
      contentType: CONTENT_TYPES[extname(output.path)] ?? "application/octet-stream",
      body,
      gzipped: gzipSync(body, { level: 9 }),
    });
  }
}

/**
 * Bundles the browser code in memory with esbuild, so `npm start` and `npm test` need no build
 * step. The widget's stylesheet is built first and inlined into widget.js: one script tag, no
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
