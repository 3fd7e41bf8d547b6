import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "../logger.js";
import { ServiceError, tooLarge } from "../server/errors.js";
import { jsonRpcError } from "./errors.js";

export interface StdioTransportOptions {
  /** The largest message (one line) read; a longer one is refused and skipped. */
  maxLineBytes: number;
  logger: Logger;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** The id of a message that is JSON but not valid JSON-RPC, when it has a usable one. */
function idOf(value: unknown): string | number | null {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? id : null;
}

/**
 * MCP over stdin/stdout, one JSON-RPC message per line. The SDK's stdio transport closes itself
 * (and the process exits, status 0) on a line over its buffer limit, and drops a line that is
 * not JSON-RPC without a word; here each is answered with a JSON-RPC error (-32700 for what is
 * not JSON, -32600 for the rest), logged, and reading goes on with the next line.
 */
export class StdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private readonly input: NodeJS.ReadableStream;
  private readonly output: NodeJS.WritableStream;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The line under way is over the limit: its bytes are skipped up to its end. */
  private oversize = false;

  constructor(private readonly options: StdioTransportOptions) {
    this.input = options.input ?? process.stdin;
    this.output = options.output ?? process.stdout;
  }

  async start(): Promise<void> {
    this.input.on("data", this.onData);
    this.input.on("error", this.onInputError);
  }

  async close(): Promise<void> {
    this.input.off("data", this.onData);
    this.input.off("error", this.onInputError);
    this.pending = [];
    this.onclose?.();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.write(message);
  }

  private readonly onInputError = (error: Error) => this.onerror?.(error);

  private readonly onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(10, start); end !== -1; end = bytes.indexOf(10, start)) {
      this.take(bytes.subarray(start, end));
      this.endLine();
      start = end + 1;
    }
    this.take(bytes.subarray(start));
  };

  private take(piece: Buffer): void {
    if (this.oversize || piece.length === 0) return;
    if (this.pendingBytes + piece.length > this.options.maxLineBytes) {
      this.oversize = true;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(piece);
    this.pendingBytes += piece.length;
  }

  private endLine(): void {
    if (this.oversize) {
      this.oversize = false;
      const error = tooLarge();
      this.refuse(
        null,
        new ServiceError(
          error.kind,
          error.code,
          `The message is larger than ${this.options.maxLineBytes} bytes.`,
        ),
      );
      return;
    }
    const line = Buffer.concat(this.pending).toString("utf8").replace(/\r$/, "");
    this.pending = [];
    this.pendingBytes = 0;
    if (line.trim() !== "") this.receive(line);
  }

  private receive(line: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      this.refuse(
        null,
        new ServiceError("invalid_input", "invalid_json", "The message is not valid JSON."),
      );
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(raw);
    if (!message.success) {
      this.refuse(
        idOf(raw),
        new ServiceError(
          "invalid_input",
          "invalid_request",
          "The message is not a JSON-RPC 2.0 request, notification or response.",
        ),
      );
      return;
    }
    this.onmessage?.(message.data);
  }

  private refuse(id: string | number | null, error: ServiceError): void {
    this.options.logger.warn(
      { code: error.code },
      `refused an MCP message on stdin: ${error.message}`,
    );
    void this.write({ jsonrpc: "2.0", id, error: jsonRpcError(error) });
  }

  private write(message: unknown): Promise<void> {
    return new Promise((resolve) => {
      if (this.output.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.output.once("drain", resolve);
    });
  }
}
