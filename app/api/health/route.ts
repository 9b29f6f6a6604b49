import { getDatabase } from "@/db";
import { pingDatabase } from "@/db/queries/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability; 503 when the database cannot answer. */
export async function GET() {
  const driver = process.env.DATABASE_URL ? "postgres" : "pglite";
  try {
    const database = await getDatabase();
    await pingDatabase(database.db);
    return Response.json({ ok: true, db: database.driver });
  } catch {
    return Response.json({ ok: false, db: driver }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
