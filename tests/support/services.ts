import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe } from "vitest";

/**
 * The real PostgreSQL and Redis that the machines start (and `.ci/run` starts when absent). Tests
 * run beside other test runs on the same servers, so each test gets its own database and its own
 * key prefix, and removes them afterwards.
 */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const required = process.env.REQUIRE_SERVICES === "1";

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.setTimeout(1_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

const [postgresUp, redisUp] = await Promise.all([reachable(POSTGRES_URL), reachable(REDIS_URL)]);

/**
 * `describe` for tests that need the named servers: skipped with a message when one is absent,
 * unless REQUIRE_SERVICES=1 (CI), where the tests run and fail on the missing server.
 */
export function describeWith(
  needs: Array<"postgres" | "redis">,
): typeof describe | typeof describe.skip {
  const missing = needs.filter((name) => (name === "postgres" ? !postgresUp : !redisUp));
  if (missing.length === 0 || required) return describe;
  console.warn(
    `Skipping tests that need ${missing.join(" and ")}: not reachable at ${
      missing.includes("postgres") ? POSTGRES_URL : REDIS_URL
    }. Start them (see .ci/run) or set REQUIRE_SERVICES=1 to make this a failure.`,
  );
  return describe.skip;
}

/** A name no parallel test run will pick. */
export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;

/** Runs statements on the shared server's maintenance database. */
async function onServer(...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres` });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database on the shared server; `drop` removes it, connections and all, and `recreate`
 * drops it and creates it again empty under the same name, as a restore gone wrong would.
 */
export async function temporaryDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
  recreate(): Promise<void>;
}> {
  const name = uniqueName("briefwijzer_test");
  const drop = `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`;
  await onServer(`CREATE DATABASE ${name}`);
  return {
    url: `${POSTGRES_URL}/${name}`,
    drop: () => onServer(drop),
    recreate: () => onServer(drop, `CREATE DATABASE ${name}`),
  };
}

/** A free loopback port (closed again at once, so that a child process can take it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A private redis-server on its own port, which a test may stop and start again, or pause
 * (SIGSTOP: the connection stays open and nothing answers, as with a hung server) and resume,
 * without touching the machine's shared one.
 */
export async function privateRedis(): Promise<{
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  pause(): void;
  resume(): void;
}> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    await waitUntil(() => reachable(url), `redis-server on ${port}`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  const signal = (name: NodeJS.Signals) => {
    if (!child || child.exitCode !== null) throw new Error("redis-server is not running");
    child.kill(name);
  };
  await start();
  return { url, start, stop, pause: () => signal("SIGSTOP"), resume: () => signal("SIGCONT") };
}

/**
 * A TCP proxy in front of a server. `cut()` drops every connection and refuses new ones, as a
 * database server that went away would; `restore()` lets connections through again. `freeze()`
 * holds every byte in both directions, on open connections and new ones, as a network that stalls
 * would; `thaw()` delivers what was held and lets traffic flow again. The real server stays up
 * for everyone else.
 */
export async function tcpProxy(target: { host: string; port: number }): Promise<{
  port: number;
  cut(): void;
  restore(): void;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const links = new Set<{ client: Socket; upstream: Socket }>();
  let open = true;
  let frozen = false;
  const flow = ({ client, upstream }: { client: Socket; upstream: Socket }) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const hold = ({ client, upstream }: { client: Socket; upstream: Socket }) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    const link = { client, upstream };
    links.add(link);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once("close", () => {
        sockets.delete(socket);
        links.delete(link);
      });
      socket.on("error", () => undefined);
    }
    if (frozen) hold(link);
    else flow(link);
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const cut = () => {
    open = false;
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    cut,
    restore: () => {
      open = true;
    },
    freeze: () => {
      frozen = true;
      for (const link of links) hold(link);
    },
    thaw: () => {
      frozen = false;
      for (const link of links) flow(link);
    },
    close: () => {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A fresh database reached through a TCP proxy of its own (`url`), so that a test can cut or
 * freeze the network to it without touching anyone else's; `close` removes both.
 */
export async function databaseBehindProxy(): Promise<{
  database: Awaited<ReturnType<typeof temporaryDatabase>>;
  proxy: Awaited<ReturnType<typeof tcpProxy>>;
  url: string;
  close(): Promise<void>;
}> {
  const database = await temporaryDatabase();
  const target = new URL(database.url);
  const proxy = await tcpProxy({ host: target.hostname, port: Number(target.port) });
  const url = new URL(database.url);
  url.port = String(proxy.port);
  return {
    database,
    proxy,
    url: url.toString(),
    close: async () => {
      await proxy.close();
      await database.drop();
    },
  };
}

/** Debian's nginx (CI installs it); its absence skips like a missing server, unless required. */
export const NGINX = "/usr/sbin/nginx";
export const nginxAvailable = existsSync(NGINX);

/**
 * nginx as a child of the test, in the foreground, with the repository's site configuration
 * (deploy/nginx.conf.template) rendered for these replicas and included in a minimal main
 * configuration that keeps every file nginx writes inside `dir`.
 */
export async function startNginx(options: {
  dir: string;
  upstreams: string[];
}): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  // What `envsubst '${LISTEN} ${UPSTREAMS}'` does for an operator.
  const values: Record<string, string> = {
    LISTEN: `127.0.0.1:${port}`,
    UPSTREAMS: options.upstreams.map((u) => `server ${u};`).join("\n    "),
  };
  const site = readFileSync("deploy/nginx.conf.template", "utf8").replace(
    /\$\{(LISTEN|UPSTREAMS)\}/g,
    (_, name: string) => values[name] as string,
  );
  // nginx started as root runs its workers as nobody, who must be able to write its temp files.
  mkdirSync(join(options.dir, "temp"), { recursive: true });
  chmodSync(join(options.dir, "temp"), 0o777);
  chmodSync(options.dir, 0o755);
  writeFileSync(join(options.dir, "briefwijzer.conf"), site);
  writeFileSync(
    join(options.dir, "nginx.conf"),
    `daemon off;
worker_processes 1;
pid ${options.dir}/nginx.pid;
error_log ${options.dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${options.dir}/temp/body;
  proxy_temp_path ${options.dir}/temp/proxy;
  fastcgi_temp_path ${options.dir}/temp/fastcgi;
  uwsgi_temp_path ${options.dir}/temp/uwsgi;
  scgi_temp_path ${options.dir}/temp/scgi;
  include ${options.dir}/briefwijzer.conf;
}
`,
  );
  // Fails with nginx's own message on a configuration error.
  execFileSync(NGINX, ["-t", "-q", "-p", options.dir, "-c", join(options.dir, "nginx.conf")]);
  const child = spawn(NGINX, ["-p", options.dir, "-c", join(options.dir, "nginx.conf")], {
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(() => reachable(url), "nginx");
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGQUIT");
      await exited;
    },
  };
}

/**
 * A small tmpfs mounted for one test, so that a full or a read-only disk is a real one. Mounting
 * needs root (CI runs as root); elsewhere `tmpfsAvailable` is false and such tests skip.
 */
export async function smallTmpfs(sizeKb: number): Promise<{
  dir: string;
  /** Writes zeros until the disk is full (ENOSPC). */
  fill(): void;
  readOnly(): void;
  unmount(): void;
}> {
  const dir = mkdtempSync(join(tmpdir(), "briefwijzer-tmpfs-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", dir], {
      stdio: "ignore",
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    fill: () => {
      const fd = openSync(join(dir, "filler"), "w");
      const block = Buffer.alloc(4096);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      } finally {
        closeSync(fd);
      }
    },
    readOnly: () => execFileSync("mount", ["-o", "remount,ro", dir]),
    unmount: () => {
      execFileSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const tmpfsAvailable = await smallTmpfs(64).then(
  (probe) => {
    probe.unmount();
    return true;
  },
  () => false,
);
