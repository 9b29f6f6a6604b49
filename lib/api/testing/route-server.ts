import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { RouteEntry } from "@/lib/api/openapi";

type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The route handlers of routes.ts behind a real Node HTTP server, as Next calls them (a Request
 * and the segment params), for tests of clients that speak HTTP (the SDK): the real wrapper,
 * services and database, streamed answers included. `dropStreams` ends every open streamed
 * answer, as a lost connection would; `slowStreams` delays new ones, as a slow network would.
 */
export async function serveRoutes(routes: RouteEntry[]) {
  const table = routes.map((r) => ({
    pattern: new RegExp(`^${r.path.replace(/\[([^\]]+)\]/g, "(?<$1>[^/]+)")}$`),
    module: r.module,
  }));
  const streams = new Set<ServerResponse>();
  /** Delay before an event-stream request reaches its handler (a slow network or server). */
  let streamDelayMs = 0;
  const server: Server = createServer((req, res) => void answer(req, res));

  async function answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://gatehouse.test");
    const found = table
      .map((t) => ({ match: t.pattern.exec(url.pathname), module: t.module }))
      .find((t) => t.match !== null);
    const handler = found?.module[req.method ?? "GET"] as Handler | undefined;
    if (!found || !handler) return void res.writeHead(404).end();
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    if (streamDelayMs > 0 && req.headers.accept === "text/event-stream")
      await new Promise((resolve) => setTimeout(resolve, streamDelayMs));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    headers.set("x-forwarded-host", "gatehouse.test");
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const request = new Request(url, { method: req.method, headers, body, signal: abort.signal });
    const response = await handler(request, { params: Promise.resolve({ ...found.match?.groups }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body === null) return void res.end();
    streams.add(res);
    res.on("close", () => streams.delete(res));
    Readable.fromWeb(response.body as never)
      .on("error", () => res.destroy())
      .pipe(res);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Ends the open streamed answers (event streams) from the server's side. */
    dropStreams() {
      for (const res of streams) if (res.getHeader("content-type")?.toString().includes("event-stream")) res.destroy();
    },
    /** From now on, event-stream requests wait this long before they are answered. */
    slowStreams(ms: number) {
      streamDelayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
