import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import axe from "axe-core";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { describe } from "vitest";
import type { AnswerService } from "../../src/answer/types.js";
import { letterBackend } from "../../src/cli/mcp-backend.js";
import { questionLogStore } from "../../src/feedback/question-log.js";
import { QuestionRecorder } from "../../src/feedback/recorder.js";
import { type FeedbackRecord, openFeedbackStore } from "../../src/feedback/store.js";
import { createApp } from "../../src/http/app.js";
import { type RunningServer, startServer } from "../../src/http/server.js";
import { createLogger, type Logger } from "../../src/logger.js";
import type { LetterBackend } from "../../src/mcp/backend.js";
import { createMcpRouter } from "../../src/mcp/http.js";
import { mcpServerFactory } from "../../src/mcp/server.js";
import { ReadinessHandle } from "../../src/server/readiness.js";
import { createSlackRouter } from "../../src/slack/router.js";
import { createWebRouter, type WebRouter } from "../../src/web/router.js";
import { loadRealServices, testConfig } from "./real-services.js";
import { SIGNING_SECRET } from "./slack.js";

/** Debian's Chromium; CI installs it and sets REQUIRE_BROWSER=1 so that its absence fails. */
const CHROMIUM_PATH = "/usr/bin/chromium";
const browserAvailable = existsSync(CHROMIUM_PATH) || process.env.REQUIRE_BROWSER === "1";

/** `describe` for tests that need a real browser: skipped where Chromium is absent, unless required. */
export const describeBrowser = browserAvailable ? describe : describe.skip;

const ARTIFACTS_DIR = "test-artifacts";

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile in a temporary directory, removed on close. */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), "briefwijzer-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 860 },
    locale: "en-US",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot as test-artifacts/<name>.png (gitignored; README copies live in docs/screenshots). */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), ...options });
}

/**
 * What axe-core finds wrong on the page as it stands, as "rule: selector" lines (empty when
 * nothing). Its script is evaluated through the DevTools protocol, which the pages' strict CSP
 * does not govern, rather than added as an inline script tag, which the CSP would refuse.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const { axe: injected } = window as unknown as { axe: typeof axe };
    const results = await injected.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return violations.flatMap((v) => v.targets.map((target) => `${v.id} (${v.impact}): ${target}`));
}

export interface HostSite extends RunningServer {
  /** By path; read at request time, so pages can name servers started after this one. */
  files: Map<string, { type: string; body: string }>;
  csp: string;
}

/** Another origin (its own loopback port) serving fixed files under one Content-Security-Policy. */
export async function startHostSite(): Promise<HostSite> {
  const server = createServer((req, res) => {
    const file = site.files.get(req.url ?? "");
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": file.type, "Content-Security-Policy": site.csp });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const site: HostSite = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    files: new Map(),
    csp: "default-src 'none'",
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return site;
}

export const ADMIN_TOKEN = "browser-tests-admin-token";

export interface WebServer extends RunningServer {
  router: WebRouter;
  /** The SQLite file of its feedback and question log. */
  dbPath: string;
  /** The feedback export (GET /api/feedback with the admin token). */
  storedFeedback(): Promise<FeedbackRecord[]>;
}

/**
 * The real app (createApp: helmet's strict CSP, CORS, the API, the SQLite feedback store in a
 * temporary directory) with the web router and the real answer service, on a loopback port, and
 * every channel composed as `npm start` composes them: Slack (signed with the tests' secret) and
 * MCP, each through the question log.
 */
export async function startWebServer(
  options: { allowedOrigins?: string[]; logger?: Logger } = {},
): Promise<WebServer> {
  const runtime = await loadRealServices();
  const { letter, answers } = runtime;
  const dataDir = await mkdtemp(join(tmpdir(), "briefwijzer-web-"));
  const config = testConfig({
    ALLOWED_ORIGINS: (options.allowedOrigins ?? []).join(","),
    ADMIN_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    FEEDBACK_DB_PATH: join(dataDir, "feedback.sqlite"),
    // One browser asks many questions from one address; the limiter is tested elsewhere.
    RATE_LIMIT_PER_MINUTE: "0",
    PORT: "0",
  });
  const logger = options.logger ?? createLogger("silent");
  const feedback = openFeedbackStore({ path: config.feedback.dbPath });
  const questionLog = new QuestionRecorder({
    enabled: config.questionLog.enabled,
    retentionDays: config.questionLog.retentionDays,
    store: questionLogStore(feedback.database),
    letter,
    logger,
    flushIntervalMs: 100,
  });
  const ready = new ReadinessHandle<AnswerService>();
  ready.set(answers);
  const backend = new ReadinessHandle<LetterBackend>();
  backend.set(letterBackend(runtime, questionLog.wrap(answers, "mcp")));
  const router = createWebRouter({ letter, logger });
  const app = createApp({
    config,
    logger,
    letter,
    answers: ready,
    feedback,
    questionLog,
    routers: {
      web: router,
      slack: createSlackRouter({
        config,
        logger,
        answers: { get: () => questionLog.wrap(answers, "slack") },
      }),
      mcp: createMcpRouter({
        config,
        rateLimit: { logger },
        servers: async () => mcpServerFactory({ letter, backend, logger, readyWithinMs: 5_000 }),
      }),
    },
  });
  const server = await startServer(app, { config, logger });
  return {
    url: server.url,
    router,
    dbPath: config.feedback.dbPath,
    storedFeedback: async () => {
      const response = await fetch(`${server.url}/api/feedback`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      return ((await response.json()) as { feedback: FeedbackRecord[] }).feedback;
    },
    close: async () => {
      await server.close();
      await questionLog.close();
      await feedback.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
