import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWebAssets, WIDGET_GZIP_BUDGET } from "../../src/web/build.js";
import {
  accessibilityViolations,
  type BrowserSession,
  describeBrowser,
  type HostSite,
  launchBrowser,
  screenshot,
  startHostSite,
  startWebServer,
  type WebServer,
} from "../support/browser.js";
import { recordingLogger } from "../support/slack.js";

describe("the widget bundle", () => {
  it("stays under 30 KB gzipped", () => {
    const assets = buildWebAssets();
    expect(assets.widgetGzipBytes).toBeGreaterThan(1000);
    expect(assets.widgetGzipBytes).toBeLessThan(WIDGET_GZIP_BUDGET);
  });
});

/** Host CSS that would wreck any widget styled from the light DOM. */
const HOSTILE_CSS = `
* { color: red !important; font-size: 40px !important; font-family: serif !important; }
button { display: none !important; }
div, section, article { margin: 30px !important; padding: 30px !important; border: 5px dashed red !important; }
`;

describeBrowser("the widget on another origin's intranet page", () => {
  let briefwijzer: WebServer;
  /** A Briefwijzer that does not list the host's origin in ALLOWED_ORIGINS. */
  let refusing: WebServer;
  const refusals = recordingLogger();
  let host: HostSite;
  let browser: BrowserSession;

  beforeAll(async () => {
    // The host's origin must be known before Briefwijzer starts, to allow it for CORS.
    host = await startHostSite();
    briefwijzer = await startWebServer({ allowedOrigins: [host.url] });
    refusing = await startWebServer({
      allowedOrigins: ["https://intranet.example"],
      logger: refusals.logger,
    });
    // No 'unsafe-inline' anywhere, and Trusted Types enforced: the widget must need neither.
    host.csp = [
      "default-src 'none'",
      "style-src 'self'",
      `script-src ${briefwijzer.url} ${refusing.url}`,
      `connect-src ${briefwijzer.url} ${refusing.url}`,
      "require-trusted-types-for 'script'",
    ].join("; ");
    host.files.set("/wiki", {
      type: "text/html; charset=utf-8",
      body: `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Wiki</title></head><body>
<main><h1>Wiki</h1></main>
<script src="${refusing.url}/widget.js" data-lang="nl" defer></script>
</body></html>`,
    });
    host.files.set("/intranet.css", { type: "text/css", body: HOSTILE_CSS });
    host.files.set("/", {
      type: "text/html; charset=utf-8",
      body: `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Intranet</title>
<link rel="stylesheet" href="/intranet.css">
</head><body>
<main><h1>Intranet</h1><p>Nieuws van de afdeling.</p><button type="button">Host button</button></main>
<script src="${briefwijzer.url}/widget.js" data-lang="nl" data-title="Vraag het de brief" data-position="bottom-right" defer></script>
</body></html>`,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await briefwijzer?.close();
    await refusing?.close();
    await host?.close();
  });

  it("opens, answers with citations and footnotes under a strict CSP, unstyled by the host", async () => {
    const page: Page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await page.goto(host.url);

    const widget = page.locator("briefwijzer-widget");
    await widget.locator(".bw-launcher").waitFor();
    expect(await widget.evaluate((el) => el.shadowRoot?.mode)).toBe("open");
    // The host's own button is gone (its CSS works on its own page) ...
    expect(await page.locator("main > button").isVisible()).toBe(false);
    // ... but nothing of it reaches into the shadow root, and nothing of ours leaks out.
    const launcher = widget.locator(".bw-launcher");
    expect(await launcher.isVisible()).toBe(true);
    expect(await launcher.textContent()).toContain("Vraag het de brief");
    const launcherStyle = await launcher.evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        display: style.display,
        color: style.color,
        fontSize: style.fontSize,
        position: style.position,
      };
    });
    expect(launcherStyle).toEqual({
      display: "flex",
      color: "rgb(255, 255, 255)",
      fontSize: "16px",
      position: "fixed",
    });
    expect(await page.evaluate(() => document.styleSheets.length)).toBe(1);
    expect(await page.evaluate(() => document.querySelectorAll("style").length)).toBe(0);

    await launcher.click();
    expect(await launcher.getAttribute("aria-expanded")).toBe("true");
    const panel = widget.locator(".bw-panel");
    await panel.waitFor();
    // The open panel has its own close button; nothing of the launcher shows beneath it.
    expect(await launcher.isVisible()).toBe(false);
    // Focus moved into the panel's question box.
    expect(
      await widget.evaluate((el) => el.shadowRoot?.activeElement?.classList.contains("bw-input")),
    ).toBe(true);

    const asked = page.waitForResponse((r) => r.url() === `${briefwijzer.url}/api/ask`);
    await page.keyboard.type("Wat deed Nederland tegen SLAPPs?");
    await page.keyboard.press("Enter");
    expect((await asked).headers()["access-control-allow-origin"]).toBe(host.url);
    const answer = widget.locator(".bw-answer").first();
    await answer.and(widget.locator('[aria-busy="false"]')).waitFor();
    expect(await answer.locator(".bw-answer__text").textContent()).toContain(
      "anti-SLAPPs-richtlijn",
    );

    const text = await answer.locator(".bw-answer__text").evaluate((el) => {
      const style = getComputedStyle(el);
      return { color: style.color, fontSize: style.fontSize, border: style.borderTopStyle };
    });
    expect(text).toEqual({ color: "rgb(27, 31, 36)", fontSize: "16px", border: "none" });

    await answer.locator(".bw-chip").first().click();
    const source = answer.locator(".bw-source");
    await source.waitFor();
    expect(await source.locator(".bw-passage mark").textContent()).toContain(
      "anti-SLAPPs-richtlijn",
    );
    expect(await source.locator(".bw-footnote").allTextContents()).toContainEqual(
      expect.stringContaining("Directive – EU – 2024/1069"),
    );
    const link = source.getByRole("link", { name: "Lees deze passage in de brief" });
    expect(await link.getAttribute("href")).toBe(
      `${briefwijzer.url}/letter?lang=nl#inzet-voor-de-bescherming-van-grondrechten-2`,
    );
    expect(await link.getAttribute("target")).toBe("_blank");
    await screenshot(page, "widget-open");
    // The host page is ours too (its content in a landmark): any finding is the widget's.
    expect(await accessibilityViolations(page)).toEqual([]);

    // Escape closes the source first, then the panel, returning focus to the launcher.
    await page.keyboard.press("Escape");
    expect(await source.count()).toBe(0);
    await page.keyboard.press("Escape");
    expect(await panel.isVisible()).toBe(false);
    expect(await launcher.isVisible()).toBe(true);
    expect(
      await widget.evaluate((el) =>
        el.shadowRoot?.activeElement?.classList.contains("bw-launcher"),
      ),
    ).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("tells the reader this site may not use the service, and warns the operator once, naming the origin", async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${host.url}/wiki`);
    const widget = page.locator("briefwijzer-widget");
    await widget.locator(".bw-launcher").click();
    for (const question of ["Wat deed Nederland tegen SLAPPs?", "Wie ondertekende de brief?"]) {
      await widget.locator(".bw-input").fill(question);
      await page.keyboard.press("Enter");
      await widget
        .locator(".bw-answer")
        .last()
        .and(widget.locator('[aria-busy="false"]'))
        .waitFor();
    }
    const errors = await widget.locator(".bw-error__text").allTextContents();
    expect(errors).toEqual([
      expect.stringContaining("Deze site mag de Briefwijzer-dienst niet gebruiken"),
      expect.stringContaining("Deze site mag de Briefwijzer-dienst niet gebruiken"),
    ]);
    await screenshot(page, "widget-refused-origin");
    const warnings = refusals.lines.filter((line) => line.level === 40 && line.origin === host.url);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ allowedOrigins: ["https://intranet.example"] });
    expect(String(warnings[0]?.msg)).toContain("ALLOWED_ORIGINS");
    expect(problems).toEqual([]);
    await page.close();
  });
});
