import { route } from "@/lib/api/route";
import { listNavigationModules } from "@/lib/services/navigation-catalog";
import { createModule } from "@/lib/services/navigation-writes";
import { moduleListQuery } from "@/lib/validation/catalog";
import { createModuleRequest } from "@/lib/validation/navigation";
import { created, ModulePage, ModuleWritten, ok } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(ModulePage)], scope: "read", permission: "gatehouse.permissions.view", query: moduleListQuery },
  ({ ctx, query }) => listNavigationModules(ctx, query),
);

// A super-admin creates a global module; a tenant admin the tenant's own (to group its custom permissions).
export const POST = route(
  {
    responses: [created(ModuleWritten)],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    body: createModuleRequest,
  },
  ({ ctx, body }) => createModule(ctx, body),
);
