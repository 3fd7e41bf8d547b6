import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { Express } from "express";
import { pino } from "pino";
import type { Logger } from "../../src/logger.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** The client side of Slack's request signing: what Slack computes before it POSTs a command. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  const hmac = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return `v0=${hmac}`;
}

/** A slash-command body as Slack sends it: form-encoded, the fields Slack always includes. */
export function commandBody(fields: { text: string; response_url?: string; user_id?: string }) {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: "T0001",
    team_domain: "example",
    channel_id: "C2147483705",
    channel_name: "test",
    user_id: "U2147483697",
    user_name: "steve",
    command: "/briefwijzer",
    api_app_id: "A123456",
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    ...fields,
  }).toString();
}

export interface SendOptions {
  body: string;
  contentType?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Signs this body instead of the one sent (a tampered request). */
  signedBody?: string;
  secret?: string;
  omit?: Array<"x-slack-signature" | "x-slack-request-timestamp">;
  /** Rewrites the signature header (appending to it, changing its case…). */
  alterSignature?: (signature: string) => string;
  /** The timestamp header as sent, when it is to differ from `timestamp` in form only. */
  timestampHeader?: string;
  /** Further headers, such as a Content-Encoding. */
  headers?: Record<string, string>;
}

/** POSTs a signed slash command over real HTTP. */
export async function sendCommand(
  baseUrl: string,
  options: SendOptions,
): Promise<globalThis.Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    ...options.headers,
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": options.timestampHeader ?? String(timestamp),
    "x-slack-signature": (options.alterSignature ?? ((signature: string) => signature))(
      slackSignature(
        options.secret ?? SIGNING_SECRET,
        timestamp,
        options.signedBody ?? options.body,
      ),
    ),
  };
  for (const name of options.omit ?? []) delete headers[name];
  return fetch(`${baseUrl}/slack/commands`, { method: "POST", headers, body: options.body });
}

export async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => stop(server),
  };
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** What the receiver does with each request in turn; the last entry repeats. */
export type ReceiverStep = number | "hang";

export interface Receiver {
  url: string;
  /** Every request received, parsed as JSON, in order (including ones it failed or left hanging). */
  received: unknown[];
  close(): Promise<void>;
}

/** A stand-in for Slack's response_url endpoint: a local HTTP server that records each POST. */
export async function startReceiver(steps: ReceiverStep[] = [200]): Promise<Receiver> {
  const received: unknown[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const step = steps[Math.min(received.length, steps.length - 1)];
    received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    if (step === "hang") return;
    res.writeHead(step ?? 200, { "content-type": "text/plain" });
    res.end(step === 200 ? "ok" : "internal_error");
  });
  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/T0001/B0001/secret-token`,
    received,
    close: () => stop(server),
  };
}

/** A logger whose lines the test can read, to check that outcomes are logged. */
export function recordingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: "info" }, sink), lines };
}
