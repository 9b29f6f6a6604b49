import { route } from "@/lib/api/route";
import { listNavigationModules } from "@/lib/services/navigation-catalog";
import { moduleListQuery } from "@/lib/validation/catalog";

export const GET = route(
  { scope: "read", permission: "gatehouse.permissions.view", query: moduleListQuery },
  ({ db, principal, query }) => listNavigationModules(db, principal, query),
);
