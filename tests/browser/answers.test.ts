import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import {
  accessibilityViolations,
  type BrowserSession,
  describeBrowser,
  launchBrowser,
  screenshot,
  startWebServer,
  type WebServer,
} from "../support/browser.js";

const SLAPPS = "What did the Netherlands do on SLAPPs?";

/** The rendering of what a new reader meets around an answer: links, chips, labels, sources. */
describeBrowser("answers on the chat page, as a new reader meets them", () => {
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

  async function open(path: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
    page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    problems = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await page.goto(`${server.url}${path}`);
    return page;
  }

  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });

  async function ask(question: string) {
    const count = await page.locator(".bw-answer").count();
    await page.getByRole("textbox", { name: /your question|uw vraag/i }).fill(question);
    await page.keyboard.press("Enter");
    return settled(count);
  }

  async function settled(index: number) {
    const answer = page.locator(".bw-answer").nth(index);
    await answer.and(page.locator('[aria-busy="false"]')).waitFor();
    return answer;
  }

  it("asks the question of a /?q= link on load, and copies each answer's link", async () => {
    await open(`/?lang=en&q=${encodeURIComponent(SLAPPS)}`);
    const answer = await settled(0);
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
    const shared = await settled(0);
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
    // The answer service does not produce such refusals yet: the browser gets a constructed one.
    const refusal: Answer = {
      answer:
        "The letter mentions the Dutch Permanent Representation but does not give the name of the Permanent Representative.",
      grounded: false,
      outcome: "not_stated",
      reason: "not_stated",
      language: "en",
      mode: "extractive",
      citations: [],
      related: [
        {
          n: 1,
          passageId: "europese-samenwerking-2",
          page: 1,
          section: "European cooperation",
          text: "Nederland ondertekende de verklaring.",
          quote: "Nederland ondertekende de verklaring.",
          footnotes: [],
        },
      ],
      followUps: [SLAPPS],
    };
    await page.route("**/api/ask", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify(refusal),
      }),
    );
    const message = await ask("Who is the Dutch Permanent Representative to the EU?");
    expect(await message.locator(".bw-badge").textContent()).toBe("Not stated in the letter");
    expect(await message.textContent()).not.toContain("According to the letter");
    expect(await message.locator(".bw-chip").count()).toBe(0);
    const seeAlso = message.locator(".bw-see-also");
    expect(await seeAlso.locator(".bw-suggestions__label").textContent()).toBe(
      "See also, in the letter",
    );
    const link = seeAlso.getByRole("link", { name: "European cooperation · Page 1" });
    expect(await link.getAttribute("href")).toBe("/letter?lang=en#europese-samenwerking-2");
    expect(await seeAlso.locator("blockquote").textContent()).toBe(
      "Nederland ondertekende de verklaring.",
    );
    expect(await message.locator(".bw-suggestion").allTextContents()).toEqual([SLAPPS]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.unroute("**/api/ask");
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
