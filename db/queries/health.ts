import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";

/** Whether the database answers at all. */
export async function pingDatabase(db: DbOrTx): Promise<void> {
  await db.execute(sql`select 1`);
}
