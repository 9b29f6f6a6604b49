/**
 * The reference row of the HTTP bench: plain node:http answering a small JSON, started as a
 * process of its own. What this machine can serve at all, with the same client and connections.
 */
import { createServer } from "node:http";

const body = JSON.stringify({ ok: true });
createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}).listen(Number(process.argv[2]), "127.0.0.1");
