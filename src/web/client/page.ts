import { createApiClient } from "./api.js";
import { createChat } from "./chat.js";
import { isLanguage } from "./i18n.js";

/**
 * The chat page: the server picked the language (query or Accept-Language) and set <html lang>.
 * `?q=` is a shared answer's question: it is asked as the page opens.
 */
const root = document.getElementById("briefwijzer-chat");
if (root) {
  const lang = isLanguage(document.documentElement.lang) ? document.documentElement.lang : "en";
  const chat = createChat({
    lang,
    api: createApiClient("", "page"),
    letterHref: (passageId, language) =>
      `/letter?lang=${language}#${encodeURIComponent(passageId)}`,
    newTab: false,
    permalink: (question, language) =>
      new URL(`/?${new URLSearchParams({ lang: language, q: question })}`, location.href).href,
    initialQuestion: new URLSearchParams(location.search).get("q") ?? undefined,
  });
  root.replaceChildren(chat.element);
}
