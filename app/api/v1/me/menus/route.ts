import { route } from "@/lib/api/route";
import { getMyMenus } from "@/lib/services/me";
import { MyMenus, ok } from "@/lib/validation/responses";

export const GET = route({ responses: [ok(MyMenus)], scope: "read", permission: null, keys: false }, ({ ctx }) =>
  getMyMenus(ctx),
);
