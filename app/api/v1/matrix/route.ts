import { route } from "@/lib/api/route";
import { getMatrix } from "@/lib/services/matrix";
import { patchMatrix } from "@/lib/services/role-writes";
import { accepted, Matrix, MatrixChange, MatrixChangePending, ok } from "@/lib/validation/responses";
import { matrixPatchRequest, matrixQuery } from "@/lib/validation/roles";

export const GET = route(
  { responses: [ok(Matrix)], scope: "read", permission: "gatehouse.roles.view", query: matrixQuery },
  ({ ctx, query }) => getMatrix(ctx, query),
);

export const PATCH = route(
  {
    responses: [ok(MatrixChange, "Applied, all of it"), accepted(MatrixChangePending)],
    scope: "write",
    permission: "gatehouse.roles.manage",
    body: matrixPatchRequest,
  },
  ({ ctx, body }) => patchMatrix(ctx, body),
);
