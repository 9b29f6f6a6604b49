import { route } from "@/lib/api/route";
import { getMe } from "@/lib/services/me";
import { Me, ok } from "@/lib/validation/responses";

export const GET = route({ responses: [ok(Me)], scope: "read", permission: null, keys: false }, ({ ctx }) =>
  getMe(ctx),
);
