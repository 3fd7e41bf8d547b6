import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createWebRouter } from "../../src/web/router.js";
import { type RealApp, startRealApp } from "../support/app.js";
import {
  type BrowserSession,
  describeBrowser,
  type HostSite,
  launchBrowser,
  startHostSite,
} from "../support/browser.js";

/**
 * The production app (createApp with its own helmet CSP, CORS and CORP) in Chromium: the pages
 * must run under the strict policy, and the widget must work from another origin.
 */
describeBrowser("the HTTP service in Chromium", () => {
  let host: HostSite;
  let server: RealApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    host = await startHostSite();
    // The production rate limit stays on (startRealApp turns it off by default).
    server = await startRealApp({
      env: { ALLOWED_ORIGINS: host.url, RATE_LIMIT_PER_MINUTE: "60" },
      routers: ({ letter }) => ({ web: createWebRouter({ letter }) }),
    });
    host.csp = `default-src 'none'; script-src ${server.url}; connect-src ${server.url}`;
    host.files.set("/", {
      type: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><h1>Intranet</h1><script src="${server.url}/widget.js" data-lang="nl" defer></script></body></html>`,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await host?.close();
  });

  /** A page whose script errors and CSP refusals are collected. */
  async function open(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await page.goto(url);
    return { page, problems };
  }

  it("runs the chat page under the strict CSP and streams an answer", async () => {
    const { page, problems } = await open(`${server.url}/?lang=en`);
    await page.getByRole("textbox", { name: /your question/i }).fill("what did NL do on SLAPPs?");
    await page.keyboard.press("Enter");
    const answer = page.locator(".bw-answer").first();
    await answer.and(page.locator('[aria-busy="false"]')).waitFor();
    expect(await answer.locator(".bw-answer__text").textContent()).toContain("anti-SLAPP");

    const rated = page.waitForResponse((r) => r.url().endsWith("/api/feedback"));
    await answer.getByRole("button", { name: "Helpful", exact: true }).click();
    expect((await rated).status()).toBe(201);
    await page.close();
    expect(problems).toEqual([]);
  });

  it("lets the widget on an allowed origin load and ask across origins", async () => {
    const { page, problems } = await open(host.url);
    const widget = page.locator("briefwijzer-widget");
    await widget.locator(".bw-launcher").click();
    const asked = page.waitForResponse((r) => r.url() === `${server.url}/api/ask`);
    await widget.locator(".bw-input").fill("Wat deed Nederland tegen SLAPPs?");
    await page.keyboard.press("Enter");
    const response = await asked;
    expect(response.headers()["access-control-allow-origin"]).toBe(host.url);
    const answer = widget.locator(".bw-answer").first();
    await answer.and(widget.locator('[aria-busy="false"]')).waitFor();
    expect(await answer.locator(".bw-answer__text").textContent()).toContain("SLAPP");
    await page.close();
    expect(problems).toEqual([]);
  });
});
