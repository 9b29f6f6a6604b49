import { documented } from "@/lib/api/documented";
import { Live, ok } from "@/lib/validation/responses";

// Dynamic, so every probe runs the handler: a prerendered answer would say nothing about the process.
export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers, and nothing else is asked (no database, no session). Readiness
 * is /api/health. `npm run bench:http` uses it as the cost of a bare route handler.
 */
export const GET = documented([ok(Live, "The process answers")], () =>
  Response.json({ ok: true }, { headers: { "cache-control": "no-store" } }),
);
