import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { NOT_STATED } from "../support/answers.js";
import {
  accessibilityViolations,
  type BrowserSession,
  describeBrowser,
  launchBrowser,
  screenshot,
  startWebServer,
  type WebServer,
} from "../support/browser.js";

const SLAPP_PASSAGE = "inzet-voor-de-bescherming-van-grondrechten-2";
const SLAPPS = "What did the Netherlands do on SLAPPs?";

/** The `index`th answer on the page, once complete. */
async function settled(page: Page, index: number) {
  const answer = page.locator(".bw-answer").nth(index);
  await answer.and(page.locator('[aria-busy="false"]')).waitFor();
  return answer;
}

describeBrowser("the chat page in Chromium", () => {
  let server: WebServer;
  let browser: BrowserSession;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startWebServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path = "/?lang=en", viewport = { width: 1280, height: 860 }): Promise<Page> {
    page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    problems = [];
    // Script errors and CSP refusals (an inline script or style would be one) fail the test.
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
    return page;
  }

  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  /** Asks through the form and waits until the answer is complete. */
  async function ask(question: string) {
    const count = await page.locator(".bw-answer").count();
    await page.getByRole("textbox", { name: /your question|uw vraag/i }).fill(question);
    await page.keyboard.press("Enter");
    return settled(page, count);
  }

  it("streams an answer with citation chips; a chip shows the passage and its footnote; the link opens the letter at that paragraph", async () => {
    await open();
    const response = page.waitForResponse((r) => r.url().endsWith("/api/ask"));
    const answer = await ask("what did NL do on SLAPPs?");
    expect((await response).headers()["content-type"]).toMatch(/^text\/event-stream/);

    expect(await answer.locator(".bw-answer__text").textContent()).toContain("anti-SLAPP");
    const chip = answer.locator(".bw-chip").first();
    expect(await chip.textContent()).toBe("1");
    expect(await chip.getAttribute("aria-label")).toMatch(/^Source 1: page 3, /);
    expect(await page.locator("[aria-live=polite]").textContent()).toContain("anti-SLAPP");
    await screenshot(page, "page-answer");

    await chip.click();
    const source = answer.locator(".bw-source");
    await source.waitFor();
    expect(await chip.getAttribute("aria-expanded")).toBe("true");
    expect(await source.locator(".bw-passage mark").first().textContent()).toContain("anti-SLAPP");
    expect(await source.textContent()).toContain("Page 3");
    expect(await source.locator(".bw-footnote").allTextContents()).toContainEqual(
      expect.stringContaining("Directive – EU – 2024/1069"),
    );
    // The English rendering comes with the translation notice; the Dutch original is one click away.
    expect(await source.locator(".bw-notice").textContent()).toMatch(/unofficial/i);
    expect(await source.locator(".bw-original blockquote").getAttribute("lang")).toBe("nl");
    await screenshot(page, "page-citation");

    await source.getByRole("link", { name: "Read this passage in the letter" }).click();
    await page.waitForURL(/\/letter/);
    const url = new URL(page.url());
    expect(url.pathname).toBe("/letter");
    expect(url.hash).toBe(`#${SLAPP_PASSAGE}`);
    const target = await page.evaluate(() => {
      const element = document.querySelector(":target");
      return {
        id: element?.id,
        focused: document.activeElement === element,
        background: element ? getComputedStyle(element).backgroundColor : "",
      };
    });
    expect(target).toEqual({ id: SLAPP_PASSAGE, focused: true, background: "rgb(255, 247, 214)" });
    await screenshot(page, "letter-target");
  });

  it("has no axe-core finding on the chat page, with an answer and its source open, or in the letter view", async () => {
    for (const lang of ["en", "nl"]) {
      await open(`/?lang=${lang}`);
      expect(await accessibilityViolations(page), `greeting (${lang})`).toEqual([]);
      const answer = await ask(
        lang === "en" ? "what did NL do on SLAPPs?" : "Wat deed Nederland tegen SLAPPs?",
      );
      await answer.locator(".bw-chip").first().click();
      await answer.locator(".bw-source").waitFor();
      expect(await accessibilityViolations(page), `answer and source (${lang})`).toEqual([]);
      await page.close();

      await open(`/letter?lang=${lang}`);
      expect(await accessibilityViolations(page), `letter (${lang})`).toEqual([]);
      await page.close();
    }
  });

  it("renders the whole letter with sections, page markers and linked footnotes", async () => {
    await open("/letter?lang=nl");
    await screenshot(page, "letter-nl");
    expect(await page.locator(".letter-paragraph").count()).toBe(17);
    expect(await page.locator(".letter-section h2").count()).toBe(5);
    expect(await page.locator(".page-marker").allTextContents()).toEqual([
      "p. 1",
      "p. 2",
      "p. 3",
      "p. 4",
    ]);
    expect(await page.locator(".letter-footnotes li").count()).toBe(11);
    // The reference stands where the marker stood in the sentence, right after "in de EU.".
    const ref = page.locator(`#${SLAPP_PASSAGE} a.fnref`);
    expect(await ref.getAttribute("href")).toBe("#fn-9");
    expect(await ref.evaluate((a) => a.previousSibling?.textContent?.endsWith("in de EU."))).toBe(
      true,
    );
    await ref.click();
    expect(new URL(page.url()).hash).toBe("#fn-9");
    expect(await page.locator("#fn-9").textContent()).toContain("Directive – EU – 2024/1069");

    await page.goto(`${server.url}/letter?lang=en#${SLAPP_PASSAGE}`);
    expect(await page.locator(".letter-notice").textContent()).toMatch(/unofficial/i);
    expect(await page.locator(`#${SLAPP_PASSAGE}`).textContent()).toContain("anti-SLAPP");
  });

  it("shows an off-topic question as not in the letter, with questions it does answer", async () => {
    await open();
    const refusal = await ask("What is the best recipe for apple pie?");
    expect(await refusal.getAttribute("class")).toContain("bw-refusal");
    expect(await refusal.locator(".bw-badge").textContent()).toBe("Not in the letter");
    expect(await refusal.locator(".bw-chip").count()).toBe(0);
    const suggestions = refusal.locator(".bw-suggestion");
    expect(await suggestions.count()).toBe(3);

    await suggestions.first().click();
    const answer = page.locator(".bw-answer").nth(1);
    await answer.and(page.locator('[aria-busy="false"]')).waitFor();
    expect(await answer.locator(".bw-chip").count()).toBeGreaterThan(0);
    await screenshot(page, "page-refusal");
  });

  it("sends 👍 feedback to /api/feedback", async () => {
    await open();
    const answer = await ask("Which sanctions did the EU adopt on sexual violence?");
    const posted = page.waitForResponse((r) => r.url().endsWith("/api/feedback"));
    await answer.getByRole("button", { name: "Helpful", exact: true }).click();
    expect((await posted).status()).toBe(201);
    await answer.getByText("Thank you for your feedback.").waitFor();
    expect(
      await answer
        .getByRole("button", { name: "Helpful", exact: true })
        .getAttribute("aria-pressed"),
    ).toBe("true");
    const stored = (await server.storedFeedback()).at(-1);
    expect(stored).toMatchObject({
      question: "Which sanctions did the EU adopt on sexual violence?",
      rating: "up",
    });
    expect(stored?.answer).toContain("[1]");
  });

  it("shows a question with markup literally and runs none of it", async () => {
    await open();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const question = "<img src=x onerror=alert(1)>";
    await ask(question);
    const asked = page.locator(".bw-question").last();
    expect(await asked.textContent()).toBe(`You: ${question}`);
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("works with the keyboard alone, and a follow-up carries the conversation", async () => {
    await open();
    // The first Tab stop is the skip link; it leads past the header to the page's content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    await page.keyboard.press("Enter");
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.classList.contains("bw-suggestion")))
        break;
    }
    const focusedExample = await page.evaluate(() => document.activeElement?.textContent);
    expect(focusedExample).toBe("What did the Netherlands do on SLAPPs?");
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).toBe("solid");
    await page.keyboard.press("Enter");
    const answer = page.locator(".bw-answer").first();
    await answer.and(page.locator('[aria-busy="false"]')).waitFor();

    // Tab forward into the answer to its first chip, open it, close it with Escape.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.classList.contains("bw-chip"))) break;
    }
    await page.keyboard.press("Enter");
    await answer.locator(".bw-source").waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("bw-source"))).toBe(
      true,
    );
    await page.keyboard.press("Escape");
    expect(await answer.locator(".bw-source").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("bw-chip"))).toBe(
      true,
    );

    const request = page.waitForRequest((r) => r.url().endsWith("/api/ask"));
    await page.getByRole("textbox", { name: "Your question" }).focus();
    await page.keyboard.type("and in the Council of Europe?");
    await page.keyboard.press("Enter");
    const body = (await request).postDataJSON();
    expect(body.history).toEqual([
      { role: "user", content: "What did the Netherlands do on SLAPPs?" },
      { role: "assistant", content: expect.stringContaining("anti-SLAPP") },
    ]);
    await page.locator(".bw-answer").nth(1).and(page.locator('[aria-busy="false"]')).waitFor();
  });

  it("explains rate limiting, start-up and an unreachable server in words", async () => {
    await open();
    const cases = [
      { status: 429, code: "rate_limited", expected: "You have asked many questions" },
      { status: 503, code: "not_ready", expected: "Briefwijzer is starting up" },
    ];
    for (const { status, code, expected } of cases) {
      await page.route("**/api/ask", (route) =>
        route.fulfill({
          status,
          contentType: "application/json",
          body: JSON.stringify({ error: { code, message: "x" } }),
        }),
      );
      const answer = await ask("What did the Netherlands do on SLAPPs?");
      expect(await answer.locator(".bw-error__text").textContent()).toContain(expected);
      await page.unroute("**/api/ask");
    }
    await page.route("**/api/ask", (route) => route.abort("connectionrefused"));
    const failed = await ask("What did the Netherlands do on SLAPPs?");
    expect(await failed.textContent()).toContain("The Briefwijzer server cannot be reached");
    await page.unroute("**/api/ask");
    // The refused request is logged by Chromium as a console error; that one is expected.
    problems = problems.filter((p) => !p.includes("Failed to load resource"));

    await failed.getByRole("button", { name: "Try again" }).click();
    const retried = page.locator(".bw-answer").last();
    await retried.and(page.locator('[aria-busy="false"]')).waitFor();
    expect(await retried.locator(".bw-chip").count()).toBeGreaterThan(0);
  });

  it("fits a phone-width screen, in Dutch", async () => {
    page = await browser.context.newPage();
    problems = [];
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${server.url}/?lang=nl`);
    expect(await page.getAttribute("html", "lang")).toBe("nl");
    expect(await page.locator(".bw-greeting__title").textContent()).toBe("Vraag het de brief");
    await ask("Wat deed Nederland tegen SLAPPs?");
    await page.locator(".bw-chip").first().click();
    await page.locator(".bw-source").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await screenshot(page, "page-phone");
  });

  it("asks the question of a /?q= link on load, and copies each answer's link", async () => {
    await open(`/?lang=en&q=${encodeURIComponent(SLAPPS)}`);
    const answer = await settled(page, 0);
    expect(await page.locator(".bw-question").textContent()).toBe(`You: ${SLAPPS}`);
    expect(await answer.locator(".bw-chip").count()).toBeGreaterThan(0);

    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: server.url,
    });
    await answer.getByRole("button", { name: "Copy link" }).click();
    await answer.getByText("Link copied.").waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(`${server.url}/?${new URLSearchParams({ lang: "en", q: SLAPPS })}`);

    // The copied link, opened by a colleague, asks the same question.
    await page.goto(link);
    const shared = await settled(page, 0);
    expect(await shared.locator(".bw-answer__text").textContent()).toContain("anti-SLAPP");
  });

  it("keeps a direct answer's chip with its full stop, and shows one chip for the direct answer and its quote", async () => {
    await open("/?lang=en");
    const answer = await ask("When did the Netherlands host the IDAHOT+ Forum?");
    const text = answer.locator(".bw-answer__text");
    expect(await text.locator(".bw-direct").textContent()).toBe("In May 2024");
    // No chip and no space between the direct answer and its full stop.
    expect(await text.textContent()).toMatch(/^In May 2024\. According to the letter: /);
    const chips = await text.locator(".bw-chip").allTextContents();
    expect(chips).toEqual(["1"]);
    await screenshot(page, "page-direct-answer");
  });

  it("labels a Dutch answer on the English page in Dutch: badge, suggestions, sources, feedback", async () => {
    await open("/?lang=en");
    const refusal = await ask("Wat is het beste recept voor appeltaart?");
    expect(await refusal.getAttribute("lang")).toBe("nl");
    expect(await refusal.locator(".bw-badge").textContent()).toBe("Niet in de brief");
    expect(await refusal.locator(".bw-suggestions__label").textContent()).toBe(
      "Vragen die de brief wel beantwoordt",
    );
    expect(await refusal.locator(".bw-feedback__question").textContent()).toBe(
      "Had u iets aan dit antwoord?",
    );

    const answer = await ask("Wat deed Nederland tegen SLAPPs?");
    const chip = answer.locator(".bw-chip").first();
    expect(await chip.getAttribute("aria-label")).toMatch(/^Bron 1: pagina 3, /);
    await chip.click();
    const source = answer.locator(".bw-source");
    await source.waitFor();
    expect(await source.locator(".bw-source__title").textContent()).toMatch(/^Bron 1 · /);
    expect(await source.getByRole("link", { name: "Lees deze passage in de brief" }).count()).toBe(
      1,
    );
    // The page around the answers stays English.
    expect(await page.locator(".bw-question").last().textContent()).toMatch(/^You: /);
    await screenshot(page, "page-mixed-languages");
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("shows the signature block in English on the English page, under the translation notice", async () => {
    await open("/?lang=en");
    const answer = await ask("Who signed the letter?");
    await answer.locator(".bw-chip").first().click();
    const source = answer.locator(".bw-source");
    await source.waitFor();
    const passage = source.locator("blockquote.bw-passage").first();
    expect(await passage.getAttribute("lang")).toBe("en");
    expect(await passage.locator("mark").allTextContents()).toEqual([
      "The Minister of Foreign Affairs, C.C.J. Veldkamp",
      "The State Secretary for Education, Culture and Science, M.L.J. Paul",
    ]);
    expect(await source.locator(".bw-notice").textContent()).toMatch(/unofficial/i);
    expect(await source.locator(".bw-original blockquote").textContent()).toContain(
      "De Minister van Buitenlandse Zaken",
    );
  });

  it("keeps the feedback row clear of the sticky question bar when a source opens", async () => {
    await open("/?lang=en");
    const answer = await ask("When did the Netherlands host the IDAHOT+ Forum?");
    await answer.locator(".bw-chip").first().click();
    await answer.locator(".bw-source").waitFor();
    const layout = await page.evaluate(() => {
      const box = (selector: string) => {
        const rect = document.querySelector(selector)?.getBoundingClientRect();
        return { top: rect?.top ?? Number.NaN, bottom: rect?.bottom ?? Number.NaN };
      };
      return { feedback: box(".bw-feedback"), bar: box(".bw-form"), mark: box(".bw-source mark") };
    });
    await screenshot(page, "page-source-feedback");
    expect(layout.feedback.top).toBeGreaterThanOrEqual(0);
    expect(layout.feedback.bottom).toBeLessThanOrEqual(layout.bar.top);
    expect(layout.mark.top).toBeGreaterThanOrEqual(0);
  });

  it("renders a refusal the letter does not state with its 'see also' places, never as the answer's source", async () => {
    await open("/?lang=en");
    const message = await ask(NOT_STATED.en);
    expect(await message.locator(".bw-badge").textContent()).toBe("Not stated in the letter");
    expect(await message.textContent()).not.toContain("According to the letter");
    expect(await message.locator(".bw-chip").count()).toBe(0);
    const seeAlso = message.locator(".bw-see-also");
    expect(await seeAlso.locator(".bw-suggestions__label").textContent()).toBe(
      "See also, in the letter",
    );
    const link = seeAlso.getByRole("link").first();
    expect(await link.textContent()).toMatch(/ · Page \d+$/);
    expect(await link.getAttribute("href")).toMatch(/^\/letter\?lang=en#[\w-]+$/);
    expect(await seeAlso.locator("blockquote").first().getAttribute("lang")).toBe("nl");
    await screenshot(page, "page-not-stated");
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("lands deep links to the letter's heading and signatures with their highlight whole in view", async () => {
    for (const id of ["letter-heading", "letter-signatures"]) {
      await open(`/letter?lang=en#${id}`, { width: 375, height: 740 });
      const target = await page.evaluate(() => {
        const element = document.querySelector(":target");
        return {
          id: element?.id,
          top: element?.getBoundingClientRect().top ?? -1,
          background: element ? getComputedStyle(element).backgroundColor : "",
        };
      });
      expect(target).toEqual({ id, top: expect.any(Number), background: "rgb(255, 247, 214)" });
      expect(target.top).toBeGreaterThanOrEqual(16);
      await page.close();
    }
  });

  it("opens /letter#%ZZ without a script error", async () => {
    await open("/letter?lang=nl#%ZZ");
    expect(await page.locator(".letter-paragraph").count()).toBe(17);
  });
});
