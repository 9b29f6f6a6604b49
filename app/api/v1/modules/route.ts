import { route } from "@/lib/api/route";
import { listNavigationModules } from "@/lib/services/navigation-catalog";
import { moduleListQuery } from "@/lib/validation/catalog";
import { ModulePage, ok } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(ModulePage)], scope: "read", permission: "gatehouse.permissions.view", query: moduleListQuery },
  ({ ctx, query }) => listNavigationModules(ctx, query),
);
