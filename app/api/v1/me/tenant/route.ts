import { z } from "zod";
import { ApiError } from "@/lib/api/problem";
import { route } from "@/lib/api/route";
import { switchActiveTenant } from "@/lib/auth/session";
import { uuid } from "@/lib/validation/common";

const body = z.strictObject({ tenant_id: uuid });

export const POST = route({ scope: "write", permission: null, keys: false, body }, async ({ principal, body }) => {
  const tenant = principal.kind === "user" ? await switchActiveTenant(principal.viewer, body.tenant_id) : null;
  if (!tenant) throw ApiError.notFound("tenant");
  return { tenant };
});
