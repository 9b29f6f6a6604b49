import { route } from "@/lib/api/route";
import { getMyPermissions } from "@/lib/services/me";
import { MyPermissions, ok } from "@/lib/validation/responses";

export const GET = route({ responses: [ok(MyPermissions)], scope: "read", permission: null, keys: false }, ({ ctx }) =>
  getMyPermissions(ctx),
);
