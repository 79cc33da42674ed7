/**
 * A tiny OTC stand-in for client tests: a real node:http server on 127.0.0.1 port 0 whose answers
 * come from the test's handler; it records every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

/** What the handler returns: an answer, or `"reset"` to destroy the socket without answering. */
export type Reply =
  { status: number; body?: unknown; headers?: Record<string, string> } | "reset" | "hang";

/** A running server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  requests: SeenRequest[];
  /** Most requests in flight at once so far. */
  maxInFlight(): number;
  close(): Promise<void>;
}

/** Starts a server; `handle` may be async (to hold requests in flight). */
export async function startServer(
  handle: (req: SeenRequest, index: number) => Reply | Promise<Reply>,
): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let max = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const seen: SeenRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const index = requests.push(seen) - 1;
      inFlight++;
      max = Math.max(max, inFlight);
      void Promise.resolve(handle(seen, index)).then((reply) => {
        inFlight--;
        if (reply === "reset") {
          req.socket.destroy();
          return;
        }
        if (reply === "hang") return;
        const text =
          reply.body === undefined
            ? ""
            : typeof reply.body === "string"
              ? reply.body
              : JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          ...(typeof reply.body === "object" ? { "content-type": "application/json" } : {}),
          ...reply.headers,
        });
        res.end(text);
      });
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => max,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
