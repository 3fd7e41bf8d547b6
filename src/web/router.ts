import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { Language, Letter } from "../letter/types.js";
import type { Logger } from "../logger.js";
import { route } from "../server/routes.js";
import { type Asset, type LoadedAssets, loadWebAssets } from "./assets.js";
import { isLanguage } from "./client/i18n.js";
import { adminPage, chatPage, letterPage } from "./templates.js";

export interface WebRouterDependencies {
  letter: Letter;
  logger?: Logger;
  /** The prebuilt bundles; read from dist/assets/ when not given. */
  assets?: LoadedAssets;
}

export interface WebRouter extends Router {
  /** The bundles served, with the widget's gzipped size (the budget is 30 KB). */
  assets: LoadedAssets;
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
  const assets = deps.assets ?? loadWebAssets();
  deps.logger?.info({ widgetGzipBytes: assets.widgetGzipBytes }, "loaded the web assets");
  const assetUrl = (name: string) => {
    const asset = assets.byName.get(name);
    if (!asset) throw new Error(`The web build has no ${name}; run \`npm run build\`.`);
    return `/assets/${asset.hashedName}`;
  };
  const pages = {
    chat: { en: chatPage(deps.letter, "en", assetUrl), nl: chatPage(deps.letter, "nl", assetUrl) },
    letter: {
      en: letterPage(deps.letter, "en", assetUrl),
      nl: letterPage(deps.letter, "nl", assetUrl),
    },
    admin: {
      en: adminPage(deps.letter, "en", assetUrl),
      nl: adminPage(deps.letter, "nl", assetUrl),
    },
  };
  const widget = assets.byName.get("widget.js");
  if (!widget) throw new Error("The web build has no widget.js; run `npm run build`.");
  const router = express.Router();

  const page = (which: keyof typeof pages) => (req: Request, res: Response) => {
    res.vary("Accept-Language");
    res.set("Cache-Control", "no-cache");
    res.type("html").send(pages[which][pageLanguage(req)]);
  };
  route(router, "/", { get: [page("chat")] });
  route(router, "/letter", { get: [page("letter")] });
  route(router, "/admin", { get: [page("admin")] });

  const widgetScript: RequestHandler = (req, res) => {
    // Host pages on other origins load this script; helmet's default CORP (same-origin) would block it.
    res.set("Cross-Origin-Resource-Policy", "cross-origin");
    res.set("Cache-Control", "public, max-age=300");
    sendAsset(req, res, widget);
  };
  route(router, "/widget.js", { get: [widgetScript] });

  const pageAsset: RequestHandler<{ file: string }> = (req, res, next) => {
    const asset = assets.byHashedName.get(req.params.file);
    if (!asset || asset === widget) {
      next();
      return;
    }
    // The name changes with the content, so a browser never needs to ask again.
    res.set("Cache-Control", "public, max-age=31536000, immutable");
    sendAsset(req, res, asset);
  };
  route(router, "/assets/:file", { get: [pageAsset as RequestHandler] });

  return Object.assign(router, { assets });
}
