import { z } from "zod";
import { route } from "@/lib/api/route";
import { switchActiveTenant } from "@/lib/auth/session";
import { ApiError } from "@/lib/errors";
import { uuid } from "@/lib/validation/common";
import { ok, SwitchedTenant } from "@/lib/validation/responses";

const body = z.strictObject({ tenant_id: uuid });

export const POST = route(
  { responses: [ok(SwitchedTenant, "Switched")], scope: "write", permission: null, keys: false, body },
  async ({ ctx: { principal }, body }) => {
    const tenant = principal.kind === "user" ? await switchActiveTenant(principal.viewer, body.tenant_id) : null;
    if (!tenant) throw ApiError.notFound("tenant");
    return { tenant };
  },
);
