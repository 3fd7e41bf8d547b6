import { config as loadDotenv } from "dotenv";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== ""),
);

/**
 * Every setting of the service. `.env.example` documents each variable; keep the two in step
 * (a test compares them).
 */
const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    // No default here: each entry point has its own (the server logs at info, `npm run ask` at warn).
    LOG_LEVEL: optionalString.pipe(
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    ),

    CORPUS_PATH: z.string().min(1).default("corpus/kamerstuk-30420-415.txt"),
    INDEX_DIR: z.string().min(1).default("index"),

    EMBEDDINGS_PROVIDER: z.enum(["local", "openai"]).default("local"),
    EMBEDDINGS_BASE_URL: optionalString.pipe(z.url().optional()),
    EMBEDDINGS_API_KEY: optionalString,
    EMBEDDINGS_MODEL: optionalString,
    EMBED_WORKERS: z.coerce.number().int().min(0).max(16).default(2),

    LLM_BASE_URL: optionalString.pipe(z.url().optional()),
    LLM_API_KEY: optionalString,
    LLM_MODEL: optionalString,
    LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),

    ALLOWED_ORIGINS: commaList.default([]),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60),
    TRUST_PROXY: z.string().default("false"),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, "a size like 32kb")
      .default("32kb"),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    MAX_CONNECTIONS: z.coerce.number().int().min(0).default(1000),

    CACHE_SIZE: z.coerce.number().int().min(0).default(500),
    CACHE_TTL_SECONDS: z.coerce.number().int().min(1).default(600),

    FEEDBACK_DB_PATH: z.string().min(1).default("data/feedback.sqlite"),
    DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
    REDIS_KEY_PREFIX: z.string().default("briefwijzer:"),
    REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(5_000).default(250),
    ADMIN_TOKEN: optionalString.pipe(z.string().min(16, "at least 16 characters").optional()),
    QUESTION_LOG: z.enum(["on", "off"]).default("on"),
    QUESTION_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),

    SLACK_SIGNING_SECRET: optionalString,
    SLACK_SHARE_BY_DEFAULT: booleanFlag.default(false),
    PUBLIC_BASE_URL: optionalString.pipe(z.url().optional()),

    MCP_TOKEN: optionalString.pipe(z.string().min(16, "at least 16 characters").optional()),

    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.EMBEDDINGS_PROVIDER === "openai") {
      for (const key of ["EMBEDDINGS_BASE_URL", "EMBEDDINGS_MODEL"] as const) {
        if (!env[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "required when EMBEDDINGS_PROVIDER=openai",
          });
        }
      }
    }
    // Node refuses a headers timeout longer than the whole request's.
    if (env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["HEADERS_TIMEOUT_MS"],
        message: "must not exceed REQUEST_TIMEOUT_MS",
      });
    }
    if (Boolean(env.LLM_BASE_URL) !== Boolean(env.LLM_MODEL)) {
      ctx.addIssue({
        code: "custom",
        path: [env.LLM_BASE_URL ? "LLM_MODEL" : "LLM_BASE_URL"],
        message: "LLM_BASE_URL and LLM_MODEL must be set together",
      });
    }
  });

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /** Undefined when LOG_LEVEL is unset: the entry point's own default applies. */
  logLevel?: string;
  corpusPath: string;
  indexDir: string;
  embeddings:
    | { provider: "local"; workers: number }
    | { provider: "openai"; baseUrl: string; apiKey?: string; model: string; workers: number };
  llm?: { baseUrl: string; apiKey?: string; model: string; timeoutMs: number };
  http: {
    allowedOrigins: string[];
    rateLimitPerMinute: number;
    trustProxy: boolean | number | string;
    bodyLimit: string;
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    /** Open connections in total; 0 = unbounded. */
    maxConnections: number;
  };
  cache: { size: number; ttlMs: number };
  /** Without them, one process keeps everything itself: embedded SQLite, in-memory stores. */
  shared: {
    databaseUrl?: string;
    redisUrl?: string;
    redisKeyPrefix: string;
    /** Longest wait for one Redis operation before it fails open. */
    redisTimeoutMs: number;
  };
  feedback: { dbPath: string; adminToken?: string };
  /** One record per question asked, scrubbed, kept `retentionDays`; never who asked. */
  questionLog: { enabled: boolean; retentionDays: number };
  slack: { signingSecret?: string; shareByDefault: boolean };
  /** Without a token, /mcp is open to any client whose Origin passes (loopback or ALLOWED_ORIGINS). */
  mcp: { token?: string };
  publicBaseUrl?: string;
  shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Express's `trust proxy` takes a boolean, a hop count or a list of addresses. */
function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false" || value === "") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Validates an environment (process.env by default) into a typed Config, or throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    corpusPath: e.CORPUS_PATH,
    indexDir: e.INDEX_DIR,
    embeddings:
      e.EMBEDDINGS_PROVIDER === "openai"
        ? {
            provider: "openai",
            baseUrl: e.EMBEDDINGS_BASE_URL as string,
            apiKey: e.EMBEDDINGS_API_KEY,
            model: e.EMBEDDINGS_MODEL as string,
            workers: e.EMBED_WORKERS,
          }
        : { provider: "local", workers: e.EMBED_WORKERS },
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? {
            baseUrl: e.LLM_BASE_URL,
            apiKey: e.LLM_API_KEY,
            model: e.LLM_MODEL,
            timeoutMs: e.LLM_TIMEOUT_MS,
          }
        : undefined,
    http: {
      allowedOrigins: e.ALLOWED_ORIGINS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      bodyLimit: e.BODY_LIMIT,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      maxConnections: e.MAX_CONNECTIONS,
    },
    cache: { size: e.CACHE_SIZE, ttlMs: e.CACHE_TTL_SECONDS * 1000 },
    shared: {
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      redisKeyPrefix: e.REDIS_KEY_PREFIX,
      redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    },
    feedback: { dbPath: e.FEEDBACK_DB_PATH, adminToken: e.ADMIN_TOKEN },
    questionLog: {
      enabled: e.QUESTION_LOG === "on",
      retentionDays: e.QUESTION_LOG_RETENTION_DAYS,
    },
    slack: { signingSecret: e.SLACK_SIGNING_SECRET, shareByDefault: e.SLACK_SHARE_BY_DEFAULT },
    mcp: { token: e.MCP_TOKEN },
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ""),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

/** Reads `.env` (without overriding real environment variables) and process.env, once, at start-up. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
