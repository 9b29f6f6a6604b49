import { route } from "@/lib/api/route";
import { explainUserPermission } from "@/lib/services/users";
import { userExplainParams } from "@/lib/validation/users";

/** GET /users/{id}/permissions/{code}/explain: the decision and every step that led to it. */
export const GET = route(
  { scope: "read", permission: "gatehouse.users.view", params: userExplainParams },
  ({ db, principal, params }) => explainUserPermission(db, principal, params.id, params.ref),
);
