import { route } from "@/lib/api/route";
import { deleteDepartment, renameDepartment } from "@/lib/services/organisation";
import { departmentParams, departmentRequest } from "@/lib/validation/organisation";
import { DepartmentWritten, noContent, ok } from "@/lib/validation/responses";

export const PATCH = route(
  {
    responses: [ok(DepartmentWritten, "Renamed")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: departmentParams,
    body: departmentRequest,
  },
  ({ ctx, params, body }) => renameDepartment(ctx, params.id, body),
);

export const DELETE = route(
  {
    responses: [noContent("Deleted: its members have no department now (the new perm_version is in X-Perm-Version)")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: departmentParams,
  },
  ({ ctx, params }) => deleteDepartment(ctx, params.id),
);
