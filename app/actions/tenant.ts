"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireViewer, switchActiveTenant } from "@/lib/auth/session";

const input = z.object({ tenant_id: z.uuid() });

/** Switches the session's active tenant; only to a tenant the user may act in. */
export async function switchTenantAction(form: FormData): Promise<{ ok: boolean; error?: string }> {
  const viewer = await requireViewer();
  const parsed = input.safeParse({ tenant_id: form.get("tenant_id") });
  if (!parsed.success) return { ok: false, error: "Choose a tenant." };
  if (!(await switchActiveTenant(viewer, parsed.data.tenant_id)))
    return { ok: false, error: "You are not a member of that tenant." };
  revalidatePath("/", "layout");
  return { ok: true };
}
