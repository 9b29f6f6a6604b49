import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users } from "../schema";
import { PERSONAS } from "../seed/world";

/** Whether the demo personas exist (then their sign-ins are worth printing). */
export async function isDemoWorld(db: DbOrTx): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${PERSONAS.superAdmin.email}`);
  return rows.length > 0;
}
