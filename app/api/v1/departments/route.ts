import { route } from "@/lib/api/route";
import { createDepartment, listTenantDepartments } from "@/lib/services/organisation";
import { departmentListQuery, departmentRequest } from "@/lib/validation/organisation";
import { created, DepartmentPage, DepartmentWritten, ok } from "@/lib/validation/responses";

export const GET = route(
  { responses: [ok(DepartmentPage)], scope: "read", permission: "gatehouse.users.view", query: departmentListQuery },
  ({ ctx, query }) => listTenantDepartments(ctx, query),
);

export const POST = route(
  {
    responses: [created(DepartmentWritten)],
    scope: "write",
    permission: "gatehouse.users.manage",
    body: departmentRequest,
  },
  ({ ctx, body }) => createDepartment(ctx, body),
);
