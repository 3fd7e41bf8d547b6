import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
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

  async function open(path = "/?lang=en"): Promise<Page> {
    page = await browser.context.newPage();
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
    const answer = page.locator(".bw-answer").nth(count);
    await answer.and(page.locator('[aria-busy="false"]')).waitFor();
    return answer;
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
});
