/**
 * A tiny external app (plain node:http) that decides with Gatehouse's engine in its own process:
 * `npm run example:sdk` at the repository's root, with Gatehouse running (`npm run demo`).
 *
 *   GATEHOUSE_URL      Gatehouse's base URL (default http://localhost:3000)
 *   GATEHOUSE_API_KEY  a key with the scope `check`; without one, a demo key is made (demo-key.mjs)
 *   PORT               this app's port (default 4000)
 *
 * Open http://localhost:4000, pick a person, then change their roles in Gatehouse's console: the
 * page (refreshing every second) follows within a second, with no call to Gatehouse per check.
 */
import { createServer } from "node:http";
import { Gatehouse } from "@gatehouse/node";
import { demoAccess } from "./demo-key.mjs";

const url = process.env.GATEHOUSE_URL ?? "http://localhost:3000";
const port = Number(process.env.PORT ?? 4000);
const access = process.env.GATEHOUSE_API_KEY
  ? { apiKey: process.env.GATEHOUSE_API_KEY, people: [] }
  : await demoAccess(url);

const gate = await Gatehouse.connect({
  url,
  apiKey: access.apiKey,
  metrics: {
    onChange: (c) => console.log(`change: v${c.permVersion}${c.reset ? " (reset)" : ""}, users: ${c.users}`),
    onStaleness: (s) => console.log(s.fresh ? "fresh again" : `stale: no word for ${s.sinceConfirmedMs} ms`),
  },
});

/** The middleware: the person is whoever your own authentication says (here: ?user= or X-User-Id). */
function requirePermission(code, handler) {
  return async (req, res, query) => {
    const user = req.headers["x-user-id"] ?? query.get("user");
    if (!user) return send(res, 401, { error: "who are you? (?user=<id>)" });
    const decision = await gate.decide(user, code);
    if (!decision.granted) return send(res, 403, { error: `requires ${code}`, reason: decision.reason });
    return handler(req, res, query, user);
  };
}

const CODES = ["sites.list.view", "sites.detail.view", "sales.orders.create", "jobs.list.view", "reports.rdg.view"];

const routes = {
  "/": async (_req, res, query) => {
    const user = query.get("user");
    let rows = "";
    if (user) {
      await gate.load([user]);
      for (const code of CODES) {
        const started = process.hrtime.bigint();
        const granted = gate.checkSync(user, code);
        const ns = Number(process.hrtime.bigint() - started);
        rows += `<tr><td><code>${code}</code></td><td>${granted ? "✅ allowed" : "⛔ denied"}</td><td>${ns} ns</td></tr>`;
      }
    }
    const people = access.people
      .map((p) => `<li><a href="/?user=${p.id}">${p.name}</a> <small>${p.email}</small></li>`)
      .join("");
    const s = gate.stats();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><meta charset="utf-8">${user ? '<meta http-equiv="refresh" content="1">' : ""}
<title>SDK example</title><body style="font-family:system-ui;max-width:48rem;margin:2rem auto">
<h1>An app deciding with @gatehouse/node</h1>
<p>perm_version ${s.permVersion} · ${s.fresh ? "fresh" : "stale"} · ${s.cachedUsers} users in memory ·
${s.memory} answers from memory, ${s.remote} remote</p>
${user ? `<table>${rows}</table><p><a href="/sites?user=${user}">/sites</a> (needs sites.list.view)</p>` : ""}
<ul>${people || "<li>Open <code>/?user=&lt;user id&gt;</code></li>"}</ul></body>`);
  },
  "/sites": requirePermission("sites.list.view", (_req, res, _query, user) =>
    send(res, 200, { sites: ["North substation", "Harbour depot"], for: user }),
  ),
  "/stats": (_req, res) => send(res, 200, gate.stats()),
};

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body, null, 2));
}

const server = createServer((req, res) => {
  const { pathname, searchParams } = new URL(req.url ?? "/", "http://localhost");
  const route = routes[pathname];
  if (!route) return send(res, 404, { error: "not found" });
  Promise.resolve(route(req, res, searchParams)).catch((error) => {
    console.error(error);
    send(res, 500, { error: "internal error" });
  });
});
server.listen(port, () => console.log(`SDK example on http://localhost:${port} (Gatehouse: ${url})`));
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () => {
    gate.close();
    server.close();
    process.exit(0);
  });
