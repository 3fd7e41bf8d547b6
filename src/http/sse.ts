import type { Response } from "express";

/**
 * One server-sent-events response. Headers go out at once, so that proxies see a live response
 * while the answer is still being retrieved; `: ping` comments keep idle proxies from closing it.
 */
export class EventStream {
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: Response,
    heartbeatMs: number,
  ) {
    res.status(200).set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      // nginx buffers proxied responses unless told otherwise.
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    });
    res.flushHeaders();
    this.heartbeat = setInterval(() => this.write(": ping\n\n"), heartbeatMs);
  }

  get open(): boolean {
    return !this.res.writableEnded && !this.res.destroyed;
  }

  /** JSON never contains a raw line break, so each event is a single `data:` line. */
  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    clearInterval(this.heartbeat);
    if (this.open) this.res.end();
  }

  private write(chunk: string): void {
    if (this.open) this.res.write(chunk);
  }
}
