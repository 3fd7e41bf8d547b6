import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createAnswerService } from "../answer/service.js";
import { ReadinessHandle } from "../server/readiness.js";
import { createSlackRouter } from "../slack/router.js";
import { cliRuntime } from "./runtime.js";

/**
 * `npm run slack:try -- "question"`: the slash command as Slack would send it, without Slack.
 * The Slack router runs here on a loopback port over the real answer service; the command is
 * signed with SLACK_SIGNING_SECRET as Slack signs it, and the reply (the acknowledgement, and the
 * answer POSTed to a local response_url when it comes later) is printed as Slack's JSON blocks.
 */
const text = process.argv.slice(2).join(" ");
const { config, logger } = cliRuntime(2, "warn");
const secret = config.slack.signingSecret;
if (!secret) {
  process.stderr.write(
    "Set SLACK_SIGNING_SECRET (any value will do here) to sign the command, e.g.\n" +
      '  SLACK_SIGNING_SECRET=local-try npm run slack:try -- "what did NL do on SLAPPs?"\n',
  );
  process.exit(2);
}

const runtime = await createAnswerService({ config, logger });
const answers = new ReadinessHandle<typeof runtime.answers>();
answers.set(runtime.answers);

// Stands in for Slack's hooks host: answers slower than the acknowledgement arrive here.
const delivered: unknown[] = [];
const hook = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    delivered.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    res.end("ok");
  });
});
await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
const responseUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/commands/T0/1/local`;

const router = createSlackRouter({
  config,
  logger,
  answers,
  allowResponseUrl: (url) => url.href === responseUrl,
});
const app = express().use("/slack", router);
const server = app.listen(0, "127.0.0.1");
await new Promise<void>((resolve) => server.once("listening", resolve));

try {
  const body = new URLSearchParams({
    command: "/briefwijzer",
    text,
    user_id: "U0LOCALTRY",
    response_url: responseUrl,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  const response = await fetch(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/commands`,
    {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": String(timestamp),
        "X-Slack-Signature": `v0=${signature}`,
      },
      body,
    },
  );
  const acknowledgement = await response.json();
  process.stdout.write(`${JSON.stringify(acknowledgement, null, 2)}\n`);
  await router.deliveries.settled();
  for (const message of delivered) process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
  process.exitCode = response.ok ? 0 : 1;
} finally {
  server.close();
  hook.close();
  await runtime.close();
}
