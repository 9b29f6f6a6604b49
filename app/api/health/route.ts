import { getDatabase } from "@/db";
import { pingDatabase } from "@/db/queries/health";
import { documented } from "@/lib/api/documented";
import { Health, ok } from "@/lib/validation/responses";

export const dynamic = "force-dynamic";

/** Liveness and database reachability; 503 when the database cannot answer. */
export const GET = documented(
  [
    ok(Health, "The database answered"),
    { status: 503, schema: Health, description: "The database is unreachable (`ok: false`)" },
  ],
  async () => {
    const driver = process.env.DATABASE_URL ? "postgres" : "pglite";
    try {
      const database = await getDatabase();
      await pingDatabase(database.db);
      return Response.json({ ok: true, db: database.driver });
    } catch {
      return Response.json({ ok: false, db: driver }, { status: 503, headers: { "cache-control": "no-store" } });
    }
  },
);
