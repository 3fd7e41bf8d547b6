import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  ADMIN_TOKEN,
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
import { commandBody, sendCommand } from "../support/slack.js";

const ON_THE_PAGE = "What did the Netherlands do on SLAPPs?";
const IN_THE_WIDGET = "What is the capital of France?";
const IN_SLACK = "Who signed the letter?";
const BY_MCP = "Wat deed Nederland tegen SLAPPs?";

describeBrowser("the insights page for the letter's owners", () => {
  let host: HostSite;
  let server: WebServer;
  let browser: BrowserSession;
  const problems: string[] = [];

  beforeAll(async () => {
    host = await startHostSite();
    server = await startWebServer({ allowedOrigins: [host.url] });
    host.csp = `default-src 'none'; script-src ${server.url}; connect-src ${server.url}`;
    host.files.set("/", {
      type: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><main><h1>Intranet</h1></main>
<script src="${server.url}/widget.js" data-lang="en" defer></script></body></html>`,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await host?.close();
  });

  async function open(url: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await page.goto(url);
    return page;
  }

  /** Shows the insights with the token held, again until `ready` holds (records are written every 100 ms). */
  async function showUntil(page: Page, ready: () => Promise<boolean>) {
    await expect
      .poll(async () => {
        await page.getByRole("button", { name: /show insights|inzichten tonen/i }).click();
        await page.locator("#admin-results[aria-busy='false']").waitFor({ state: "attached" });
        return ready();
      })
      .toBe(true);
  }

  const bar = (page: Page, label: string) =>
    page.locator(".admin-bars li", { has: page.getByText(label, { exact: true }) });

  it("shows questions asked through the page, the widget, Slack and MCP by channel and outcome", async () => {
    // The chat page.
    const chat = await open(`${server.url}/?lang=en`);
    await chat.getByRole("textbox", { name: /your question/i }).fill(ON_THE_PAGE);
    await chat.keyboard.press("Enter");
    await chat.locator(".bw-answer").and(chat.locator('[aria-busy="false"]')).waitFor();
    await chat.close();

    // The widget on an intranet page of another origin.
    const intranet = await open(host.url);
    const widget = intranet.locator("briefwijzer-widget");
    await widget.locator(".bw-launcher").click();
    await intranet.keyboard.type(IN_THE_WIDGET);
    await intranet.keyboard.press("Enter");
    await widget.locator(".bw-answer").and(widget.locator('[aria-busy="false"]')).waitFor();
    expect(await widget.locator(".bw-refusal").count()).toBe(1);
    await intranet.close();

    // A signed Slack command, answered within the acknowledgement.
    const slack = await sendCommand(server.url, {
      body: commandBody({
        text: IN_SLACK,
        response_url: "https://hooks.slack.com/commands/T0001/1/insights-test",
      }),
    });
    expect(slack.status).toBe(200);

    // An assistant over MCP.
    const mcp = new Client({ name: "insights-test", version: "1.0.0" });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    const tool = await mcp.callTool({ name: "ask_letter", arguments: { question: BY_MCP } });
    expect(tool.isError).toBeFalsy();
    await mcp.close();

    const admin = await open(`${server.url}/admin?lang=en`);
    expect(await admin.title()).toBe("Insights · Briefwijzer");
    // Keyboard only: the skip link, then the form. A wrong token is refused in words.
    const token = admin.getByLabel("Admin token");
    await token.focus();
    await admin.keyboard.type("not-the-token-at-all");
    await admin.keyboard.press("Enter");
    await expect
      .poll(() => admin.locator("#admin-status").textContent())
      .toBe("The token was not accepted. Enter the admin token again.");
    expect(await token.evaluate((el) => el === document.activeElement)).toBe(true);
    // The browser reports the refused request itself; nothing else went wrong.
    expect(problems.splice(0)).toEqual([
      "Failed to load resource: the server responded with a status of 401 (Unauthorized)",
    ]);
    await admin.keyboard.type(ADMIN_TOKEN);
    await admin.keyboard.press("Enter");

    const channelCount = async (label: string) =>
      (await bar(admin, label).locator(".admin-bars__value").textContent()) ?? "";
    await showUntil(admin, async () => (await channelCount("AI assistants (MCP)")) === "1 (25%)");
    for (const label of ["Chat page", "Widget", "Slack", "AI assistants (MCP)"]) {
      expect(await channelCount(label), label).toBe("1 (25%)");
    }
    expect(await channelCount("API")).toBe("0 (0%)");
    // By outcome: the widget's question is outside the letter; the others are answered from it.
    const legend = await admin.locator(".admin-legend li").allTextContents();
    expect(legend).toContain("Outside the letter: 1");
    const answered = legend
      .filter((item) => !/^(Outside the letter|Not stated in the letter):/.test(item))
      .reduce((sum, item) => sum + Number(item.split(": ")[1]), 0);
    expect(answered).toBe(3);
    const unanswered = admin.getByRole("table", {
      name: "Questions the letter does not answer, by topic",
    });
    expect(await unanswered.textContent()).toContain(IN_THE_WIDGET);
    const top = admin.getByRole("table", { name: "Most asked questions" });
    expect(await top.textContent()).toContain(ON_THE_PAGE);
    // The chart says what it shows, and its figures are there as a table too.
    const chart = admin.getByRole("img", { name: "Questions per day, by outcome" });
    expect(await chart.locator("rect").count()).toBeGreaterThanOrEqual(2);

    // The token lives in this page's memory: not in the field, storage, a cookie or the URL.
    expect(await token.inputValue()).toBe("");
    expect(
      await admin.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]),
    ).toEqual([0, 0, ""]);
    expect(admin.url()).not.toContain(ADMIN_TOKEN);

    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, "admin-insights", { fullPage: true });

    // The CSV download: the period's questions, one a row.
    const download = admin.waitForEvent("download");
    await admin.getByRole("button", { name: "Download the questions as CSV" }).click();
    const file = await (await download).path();
    const rows = parse(readFileSync(file, "utf8"), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows.map((row) => row.channel).sort()).toEqual(["mcp", "page", "slack", "widget"]);
    expect(rows.find((row) => row.channel === "widget")?.question).toBe(IN_THE_WIDGET);

    // Forgetting the token hides the figures and asks for it again.
    await admin.getByRole("button", { name: "Forget the token" }).click();
    expect(await admin.locator("#admin-results").isHidden()).toBe(true);
    await admin.close();
    expect(problems).toEqual([]);
  });

  it("is in Dutch too, and has no axe-core finding there", async () => {
    const page = await open(`${server.url}/admin?lang=nl`);
    await page.getByLabel("Beheertoken").fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: "Inzichten tonen" }).click();
    await page.getByRole("heading", { name: "Vragen per kanaal" }).waitFor();
    expect(await bar(page, "Chatpagina").locator(".admin-bars__value").textContent()).toBe(
      "1 (25%)",
    );
    expect(await page.getByRole("heading", { name: "Meest gestelde vragen" }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
    expect(problems).toEqual([]);
  });
});
