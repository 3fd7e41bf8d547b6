/** The fields of a slash-command request that Briefwijzer uses. */
export interface SlashCommand {
  /** The command as the workspace named it, for usage text; `/briefwijzer` when odd. */
  command: string;
  text: string;
  responseUrl?: string;
  userId?: string;
  /** Slack's periodic certificate check: answered with a bare 200. */
  sslCheck: boolean;
}

export type Intent = { kind: "help" } | { kind: "ask"; question: string; share: boolean };

export function parseSlashCommand(rawBody: Buffer): SlashCommand {
  const form = new URLSearchParams(rawBody.toString("utf8"));
  const command = form.get("command") ?? "";
  return {
    command: /^\/[\w-]{1,32}$/.test(command) ? command : "/briefwijzer",
    text: form.get("text") ?? "",
    responseUrl: form.get("response_url") ?? undefined,
    userId: form.get("user_id") ?? undefined,
    sslCheck: form.get("ssl_check") === "1",
  };
}

/** `help` or nothing → usage; `share <question>` → for the channel; anything else → a question. */
export function parseIntent(text: string, shareByDefault: boolean): Intent {
  const trimmed = text.trim();
  if (trimmed === "" || /^help$/i.test(trimmed)) return { kind: "help" };
  const shared = /^share(?:\s+([\s\S]*))?$/i.exec(trimmed);
  if (shared) {
    const question = shared[1]?.trim() ?? "";
    return question === "" ? { kind: "help" } : { kind: "ask", question, share: true };
  }
  return { kind: "ask", question: trimmed, share: shareByDefault };
}

/**
 * Only Slack's own hooks host may receive answers. The URL comes from the request body; should the
 * signing secret ever leak, the server must still not become a client for arbitrary addresses.
 */
export function isSlackResponseUrl(url: URL): boolean {
  return url.protocol === "https:" && url.hostname === "hooks.slack.com" && url.port === "";
}
