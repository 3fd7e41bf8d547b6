import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { route } from "../http/routes.js";
import type { Language, Letter } from "../letter/types.js";
import type { Logger } from "../logger.js";
import { type Asset, buildWebAssets, type WebAssets } from "./build.js";
import { isLanguage } from "./client/i18n.js";
import { chatPage, letterPage } from "./templates.js";

export interface WebRouterDependencies {
  letter: Letter;
  logger?: Logger;
}

export interface WebRouter extends Router {
  /** The bundles served, with the widget's gzipped size (the budget is 30 KB). */
  assets: WebAssets;
}

/** `?lang=` wins; otherwise the browser's languages, Dutch when it states no preference. */
function pageLanguage(req: Request): Language {
  const asked = req.query.lang;
  if (isLanguage(asked)) return asked;
  const accepted = req.acceptsLanguages("nl", "en");
  return isLanguage(accepted) ? accepted : "nl";
}

function sendAsset(req: Request, res: Response, asset: Asset): void {
  res.type(asset.contentType);
  res.vary("Accept-Encoding");
  if (req.acceptsEncodings("gzip") === "gzip") {
    res.set("Content-Encoding", "gzip");
    res.send(asset.gzipped);
  } else {
    res.send(asset.body);
  }
}

/**
 * The chat page (`/`), the letter view (`/letter`), the embeddable `/widget.js` and the page
 * assets under `/assets/`. Every page loads external scripts and styles only, so it runs under
 * `Content-Security-Policy: default-src 'self'`.
 */
export function createWebRouter(deps: WebRouterDependencies): WebRouter {
  const assets = buildWebAssets();
  deps.logger?.info(
    { widgetGzipBytes: assets.widgetGzipBytes, buildMs: assets.buildMs },
    "built the web assets",
  );
  const pages = {
    chat: { en: chatPage(deps.letter, "en"), nl: chatPage(deps.letter, "nl") },
    letter: { en: letterPage(deps.letter, "en"), nl: letterPage(deps.letter, "nl") },
  };
  const router = express.Router();

  const page = (which: keyof typeof pages) => (req: Request, res: Response) => {
    res.vary("Accept-Language");
    res.set("Cache-Control", "no-cache");
    res.type("html").send(pages[which][pageLanguage(req)]);
  };
  route(router, "/", { get: [page("chat")] });
  route(router, "/letter", { get: [page("letter")] });

  const widgetScript: RequestHandler = (req, res) => {
    const widget = assets.files.get("widget.js");
    if (!widget) throw new Error("widget.js was not built");
    // Host pages on other origins load this script; helmet's default CORP (same-origin) would block it.
    res.set("Cross-Origin-Resource-Policy", "cross-origin");
    res.set("Cache-Control", "public, max-age=300");
    sendAsset(req, res, widget);
  };
  route(router, "/widget.js", { get: [widgetScript] });

  const pageAsset: RequestHandler<{ file: string }> = (req, res, next) => {
    const asset = assets.files.get(req.params.file);
    if (!asset || req.params.file === "widget.js") {
      next();
      return;
    }
    // Names are not content-hashed: revalidate each time (express answers 304 via ETag).
    res.set("Cache-Control", "no-cache");
    sendAsset(req, res, asset);
  };
  route(router, "/assets/:file", { get: [pageAsset as RequestHandler] });

  return Object.assign(router, { assets });
}
