import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";

describe("configuration", () => {
  it("runs offline with no settings at all", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      embeddings: { provider: "local", workers: 2 },
      http: { rateLimitPerMinute: 60, allowedOrigins: [], trustProxy: false },
    });
    expect(config.llm).toBeUndefined();
  });

  it("accepts .env.example as it stands, and documents every variable", () => {
    const example = readFileSync(".env.example", "utf8");
    const documented = [...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]);
    expect(() => parseConfig(Object.fromEntries(documented))).not.toThrow();
    const source = readFileSync("src/config.ts", "utf8");
    const declared = [...source.matchAll(/^ {4}([A-Z_]+):/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(20);
    expect(documented.map(([name]) => name).sort()).toEqual([...declared].sort());
  });

  it("fails fast with a message naming each bad variable", () => {
    const attempt = () => parseConfig({ PORT: "eighty", ADMIN_TOKEN: "short" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: Invalid input/);
    expect(attempt).toThrow(/ADMIN_TOKEN: at least 16 characters/);
    expect(() => parseConfig({ LLM_BASE_URL: "http://llm.local/v1" })).toThrow(
      /LLM_MODEL: LLM_BASE_URL and LLM_MODEL must be set together/,
    );
    expect(() => parseConfig({ EMBEDDINGS_PROVIDER: "openai" })).toThrow(/EMBEDDINGS_BASE_URL/);
    expect(() => parseConfig({ REQUEST_TIMEOUT_MS: "1000", HEADERS_TIMEOUT_MS: "2000" })).toThrow(
      /HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS/,
    );
  });

  it("parses lists, flags and proxy settings", () => {
    const config = parseConfig({
      ALLOWED_ORIGINS: "https://intranet.example, https://wiki.example",
      TRUST_PROXY: "1",
      SLACK_SHARE_BY_DEFAULT: "true",
      PUBLIC_BASE_URL: "https://briefwijzer.example/",
    });
    expect(config.http.allowedOrigins).toEqual([
      "https://intranet.example",
      "https://wiki.example",
    ]);
    expect(config.http.trustProxy).toBe(1);
    expect(config.slack.shareByDefault).toBe(true);
    expect(config.publicBaseUrl).toBe("https://briefwijzer.example");
  });
});
