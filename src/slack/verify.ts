// Only the verifier, not the package root: @slack/bolt's index loads the whole framework (Web API
// client, Socket Mode and its optional peer `undici`), none of which a response_url reply needs.
import { verifySlackRequest } from "@slack/bolt/dist/receivers/verify-request.js";

/** Slack's replay window, applied in both directions (bolt's check only rejects old timestamps). */
export const REPLAY_WINDOW_MS = 5 * 60 * 1000;

export interface SignedRequest {
  rawBody: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
}

/**
 * `replayKey` names the signed content (the timestamp as a number and the digest), the same
 * however the headers were spelled: what a replay check must key on.
 */
export type Verdict = { ok: true; replayKey: string } | { ok: false; reason: string };

/**
 * The one form Slack sends. bolt splits the header on "=" and compares the second piece only, so
 * `v0=<digest>=anything` would verify too and, keyed on the whole header, pass as a new request.
 */
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

/**
 * Checks `X-Slack-Signature` over the exact bytes received. The reason is for the logs only: the
 * caller answers every failure alike, so that probing learns nothing.
 */
export function verifySignature(
  signingSecret: string,
  request: SignedRequest,
  nowMs: number = Date.now(),
): Verdict {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return { ok: false, reason: "missing signature headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed timestamp" };
  const digest = SIGNATURE.exec(signature)?.[1];
  if (!digest) return { ok: false, reason: "malformed signature" };
  const seconds = Number(timestamp);
  if (seconds * 1000 - nowMs > REPLAY_WINDOW_MS) {
    return { ok: false, reason: "timestamp in the future" };
  }
  try {
    verifySlackRequest({
      signingSecret,
      // bolt re-encodes this string as UTF-8 to hash it, which gives back the received bytes for
      // any valid UTF-8 body (Slack's form bodies are ASCII); anything else fails, as it should.
      body: request.rawBody.toString("utf8"),
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": seconds },
      nowMilliseconds: nowMs,
    });
    return { ok: true, replayKey: `${seconds}:${digest}` };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
