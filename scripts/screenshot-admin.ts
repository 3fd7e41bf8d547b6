/**
 * `node --import tsx scripts/screenshot-admin.ts`: the README's picture of /admin
 * (docs/screenshots/admin-insights.png). The real app and answer service answer 90 questions of
 * the evaluation's dev split, 25 of them twice, over HTTP; a few answers are rated. The records
 * (answers, outcomes, sections, latency as they were) are then given channels and spread over the
 * last four weeks, which one script asking over HTTP cannot produce, and headless Chromium shows
 * the page. Needs Debian's chromium, as the browser tests do.
 */
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { Channel } from "../src/feedback/question-log.js";
import { ADMIN_TOKEN, launchBrowser, startWebServer } from "../tests/support/browser.js";

const OUT = "docs/screenshots/admin-insights.png";
const DAYS = 28;
/** The channels in rough proportion to how an intranet would use them. */
const CHANNELS: Channel[] = ["page", "page", "page", "widget", "widget", "slack", "mcp", "api"];

interface EvalQuestion {
  split: string;
  question: string;
  history?: unknown[];
}
const questions = (JSON.parse(readFileSync("tests/eval/questions.json", "utf8")) as EvalQuestion[])
  .filter((q) => q.split === "dev" && !q.history?.length)
  .map((q) => q.question)
  .filter((_, i) => i % 2 === 0)
  .slice(0, 90);

const server = await startWebServer();
try {
  const asked: Array<{ question: string; questionId: string; answer: string }> = [];
  for (const question of [...questions, ...questions.slice(0, 25)]) {
    const response = await fetch(`${server.url}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question }),
    });
    const body = (await response.json()) as { answer: string };
    asked.push({
      question,
      answer: body.answer,
      questionId: response.headers.get("x-question-id") ?? "",
    });
  }
  for (const [i, { question, answer, questionId }] of asked.entries()) {
    if (i % 9 !== 4) continue;
    await fetch(`${server.url}/api/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question, answer, rating: i % 2 ? "down" : "up", questionId }),
    });
  }
  // Wait for the log to write every question (it flushes every 100 ms here).
  const { dbPath } = server;
  for (;;) {
    const db = new Database(dbPath, { readonly: true });
    const n = (db.prepare("SELECT count(*) FROM questions").pluck().get() as number) ?? 0;
    db.close();
    if (n === asked.length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const db = new Database(dbPath);
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const ids = db.prepare("SELECT id FROM questions ORDER BY rowid").pluck().all() as string[];
  const spread = db.prepare("UPDATE questions SET asked_at = ?, channel = ? WHERE id = ?");
  ids.forEach((id, i) => {
    // More questions in the recent weeks, in office hours.
    const day = Math.floor((((i * 37) % 100) / 100) ** 1.6 * DAYS);
    const hour = 8 + ((i * 31) % 10);
    const at = new Date(now - day * 86_400_000);
    at.setUTCHours(hour, 0, 0, 0);
    spread.run(at.toISOString(), CHANNELS[(i * 5) % CHANNELS.length], id);
  });
  db.close();

  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/admin?lang=en`);
    await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await page
      .getByLabel("From")
      .fill(new Date(now - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Show insights" }).click();
    await page.getByRole("heading", { name: "Questions by channel" }).waitFor();
    // Down to the first rows of the most asked questions; the tables go on below.
    const top = await page.getByRole("table", { name: "Most asked questions" }).boundingBox();
    const height = Math.round((top?.y ?? 2000) + 360);
    await page.screenshot({ path: OUT, fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
    process.stdout.write(`${OUT}: ${asked.length} questions\n`);
  } finally {
    await browser.close();
  }
} finally {
  await server.close();
}
