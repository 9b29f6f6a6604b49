import { route } from "@/lib/api/route";
import { deleteModule, updateModule } from "@/lib/services/navigation-writes";
import { moduleIdParams, updateModuleRequest } from "@/lib/validation/navigation";
import { ModuleWritten, noContent, ok } from "@/lib/validation/responses";

export const PATCH = route(
  {
    responses: [ok(ModuleWritten, "Updated")],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: moduleIdParams,
    body: updateModuleRequest,
  },
  ({ ctx, params, body }) => updateModule(ctx, params.id, body),
);

export const DELETE = route(
  {
    responses: [noContent("Deleted (only an empty module: one with permissions, menu items or modules is a 409)")],
    scope: "write",
    permission: "gatehouse.permissions.manage",
    params: moduleIdParams,
  },
  ({ ctx, params }) => deleteModule(ctx, params.id),
);
