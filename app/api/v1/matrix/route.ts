import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { getMatrix } from "@/lib/services/matrix";
import { patchMatrix } from "@/lib/services/role-writes";
import { matrixPatchRequest, matrixQuery } from "@/lib/validation/roles";

export const GET = route(
  { scope: "read", permission: "gatehouse.roles.view", query: matrixQuery },
  ({ db, principal, query }) => getMatrix(db, principal, query),
);

export const PATCH = route(
  { scope: "write", permission: "gatehouse.roles.manage", body: matrixPatchRequest },
  ({ db, principal, body, request }) => patchMatrix(db, principal, body, requestMeta(request)),
);
