/**
 * No spurious unknown outcomes from stale connections (issue 11 point 7). The server here closes
 * connections that sat idle past its keep-alive timeout, without announcing that timeout: a
 * request that arrives on such a connection is lost without an answer, the way it is when the
 * server's close crosses the request on the wire. Mutations must never be written on such a
 * connection (a lost POST is an unknown outcome); reads may, since they are retried.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { OutcomeUnknownError } from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import { MUTATION_IDLE_MS } from "../../provider/client/transport/create-dispatcher";
import { tokenSettings, wireEip } from "./helpers/settings-fixtures";

/** The server's (unannounced) keep-alive timeout: above the client's mutation bound. */
const SERVER_IDLE_MS = MUTATION_IDLE_MS + 500;

let server: Server;
let url: string;
const idleSince = new WeakMap<Socket, number>();
const sockets = new Set<Socket>();
let lost = 0;
let answered = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const since = idleSince.get(socket);
    if (since !== undefined && Date.now() - since >= SERVER_IDLE_MS) {
      lost++;
      socket.destroy();
      return;
    }
    req.resume();
    req.on("end", () => {
      answered++;
      res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ floatingip: wireEip() }), () => idleSince.set(socket, Date.now()));
    });
  });
  // No idle timeout of its own and so no Keep-Alive hint: it "closes" by dropping late requests.
  server.keepAliveTimeout = 0;
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("sends every mutation on a connection the server still holds open: no unknown outcome", async () => {
  lost = 0;
  const client = createOtcClient(tokenSettings(url));
  const outcomes: string[] = [];
  for (let round = 0; round < 3; round++) {
    if (round > 0) await pause(SERVER_IDLE_MS + 200);
    // The mutation first: with one pool it would go out on the connection idle since last round.
    const created = await client
      .createIpv6FloatingIp({ floatingNetworkId: "5ce655fa-c911-4d2c-99f7-445bc1162ef8" })
      .then(
        () => "created",
        (e: unknown) => (e instanceof OutcomeUnknownError ? "unknown" : String(e)),
      );
    outcomes.push(created);
    await client.getIpv6FloatingIp("2567f393-5c76-42db-a397-477723ce41f7");
  }
  await client.close();
  expect(outcomes).toEqual(["created", "created", "created"]);
  // The reads did meet stale connections (and were retried): the server really drops them.
  expect(lost).toBeGreaterThan(0);
  expect(answered).toBe(6);
}, 30_000);
