"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { tenantsOfUser } from "@/db/queries/users";
import { TENANT_COOKIE, requireViewer } from "@/lib/auth/session";

const input = z.object({ tenant_id: z.uuid() });

/** Switches the session's active tenant; only to a tenant the user may act in. */
export async function switchTenantAction(form: FormData): Promise<{ ok: boolean; error?: string }> {
  const viewer = await requireViewer();
  const parsed = input.safeParse({ tenant_id: form.get("tenant_id") });
  if (!parsed.success) return { ok: false, error: "Choose a tenant." };
  const allowed = await tenantsOfUser(await db(), { id: viewer.user.id, isSuperAdmin: viewer.user.isSuperAdmin });
  if (!allowed.some((t) => t.id === parsed.data.tenant_id)) return { ok: false, error: "You are not a member of that tenant." };
  (await cookies()).set(TENANT_COOKIE, parsed.data.tenant_id, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
  return { ok: true };
}
