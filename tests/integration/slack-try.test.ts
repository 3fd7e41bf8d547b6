import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** `npm run slack:try -- "question"`, as the README tells a developer to try the command. */
function slackTry(question: string, env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", "src/cli/slack-try.ts", question], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", EMBED_WORKERS: "1", ...env },
    timeout: 120_000,
  });
}

describe("npm run slack:try", () => {
  it("signs the command with SLACK_SIGNING_SECRET and prints Slack's blocks, letter links in the answer's language", async () => {
    const { stdout, stderr } = await slackTry("Wat deed Nederland tegen SLAPPs?", {
      SLACK_SIGNING_SECRET: "a-local-secret",
      PUBLIC_BASE_URL: "https://briefwijzer.example",
    });
    expect(stderr).toBe("");
    // The acknowledgement, and the answer after it when it took longer than Slack's 3 s allow.
    const printed = stdout.split(/\n(?=\{)/);
    const message = JSON.parse(printed.at(-1) ?? "") as {
      response_type: string;
      blocks: { text?: { text: string }; elements?: { text: string }[] }[];
    };
    expect(message.response_type).toBe("ephemeral");
    const texts = message.blocks.flatMap((b) => [
      b.text?.text,
      ...(b.elements ?? []).map((e) => e.text),
    ]);
    expect(texts[0]).toBe("<@U0LOCALTRY> vroeg:\n>Wat deed Nederland tegen SLAPPs?");
    expect(texts).toContain("*Bronnen*");
    expect(texts.join("\n")).toMatch(
      /<https:\/\/briefwijzer\.example\/letter\?lang=nl#[\w-]+\|open in de brief>/,
    );
  });

  it("says how to set the secret when it is missing", async () => {
    const failure = await slackTry("SLAPPs?", {}).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain("Set SLACK_SIGNING_SECRET");
  });
});
