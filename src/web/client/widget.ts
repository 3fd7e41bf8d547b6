import type { Language } from "../../letter/types.js";
import { createApiClient } from "./api.js";
import { type Chat, createChat } from "./chat.js";
import { h, ICONS, icon, uniqueId } from "./dom.js";
import { isLanguage, STRINGS } from "./i18n.js";

/** The minified widget stylesheet, inlined by the build (src/web/build.ts). */
declare const BRIEFWIJZER_WIDGET_CSS: string;

const TAG = "briefwijzer-widget";

/**
 * Styles live only in the shadow root. A constructed stylesheet is not an inline style, so a host
 * page with a strict style-src needs nothing extra; browsers without it get a <style> element,
 * which such a host would block.
 */
function adoptStyles(shadow: ShadowRoot): void {
  if ("replaceSync" in CSSStyleSheet.prototype && "adoptedStyleSheets" in shadow) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(BRIEFWIJZER_WIDGET_CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(h("style", {}, BRIEFWIJZER_WIDGET_CSS));
  }
}

function widgetLanguage(requested: string | undefined): Language {
  if (isLanguage(requested)) return requested;
  return navigator.language.toLowerCase().startsWith("nl") ? "nl" : "en";
}

function mount(script: HTMLScriptElement): void {
  // The API and the letter view live where this script came from, not on the host page.
  const origin = new URL(script.src, location.href).origin;
  const data = script.dataset;
  const lang = widgetLanguage(data.lang);
  const strings = STRINGS[lang];
  const title = data.title?.trim() || strings.widgetTitle;

  const host = document.createElement(TAG);
  if (data.accent && CSS.supports("color", data.accent)) {
    host.style.setProperty("--briefwijzer-accent", data.accent);
  }
  const shadow = host.attachShadow({ mode: "open" });
  adoptStyles(shadow);

  const panelId = uniqueId("panel");
  const titleId = uniqueId("title");
  const launcher = h(
    "button",
    { type: "button", class: "bw-launcher", "aria-expanded": "false", "aria-controls": panelId },
    icon(ICONS.message),
    h("span", { class: "bw-launcher__label" }, title),
  );
  const close = h(
    "button",
    {
      type: "button",
      class: "bw-icon-button",
      "aria-label": strings.closeWidget,
      title: strings.closeWidget,
    },
    icon(ICONS.close),
  );
  const body = h("div", { class: "bw-panel__body" });
  const panel = h(
    "div",
    { class: "bw-panel", id: panelId, role: "dialog", "aria-labelledby": titleId, hidden: true },
    h(
      "div",
      { class: "bw-panel__header" },
      h(
        "div",
        {},
        h("h2", { class: "bw-panel__title", id: titleId }, title),
        h("p", { class: "bw-panel__subtitle" }, "Kamerstuk 30 420, nr. 415"),
      ),
      close,
    ),
    body,
  );
  const root = h(
    "div",
    {
      class: "bw-root bw-widget",
      lang,
      "data-position": data.position === "bottom-left" ? "bottom-left" : "bottom-right",
    },
    panel,
    launcher,
  );
  shadow.append(root);

  let chat: Chat | undefined;
  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    // The open panel has its own close button; the launcher would only peek out beneath it.
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", String(open));
    if (!open) {
      launcher.focus();
      return;
    }
    // Built on first open: a page that never opens the widget never loads anything else.
    chat ??= createChat({
      lang,
      api: createApiClient(origin, "widget"),
      letterHref: (passageId, language) =>
        `${origin}/letter?lang=${language}#${encodeURIComponent(passageId)}`,
      newTab: true,
      // A shared answer opens on the Briefwijzer page, which every colleague can reach.
      permalink: (question, language) =>
        `${origin}/?${new URLSearchParams({ lang: language, q: question })}`,
    });
    if (!chat.element.isConnected) body.append(chat.element);
    chat.focus();
  };
  launcher.addEventListener("click", () => setOpen(panel.hidden));
  close.addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
  });

  document.body.append(host);
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement && !document.querySelector(TAG)) {
  if (document.body) mount(script);
  else document.addEventListener("DOMContentLoaded", () => mount(script), { once: true });
}
