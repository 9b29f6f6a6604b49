import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { removeMember, updateMember } from "@/lib/services/user-writes";
import { getUser } from "@/lib/services/users";
import { updateMemberRequest, userParams } from "@/lib/validation/users";

export const GET = route(
  { scope: "read", permission: "gatehouse.users.view", params: userParams },
  ({ db, principal, params }) => getUser(db, principal, params.id),
);

/** `{status}`: disable or re-enable the membership in this tenant. */
export const PATCH = route(
  { scope: "write", permission: "gatehouse.users.manage", params: userParams, body: updateMemberRequest },
  ({ db, principal, params, body, request }) => updateMember(db, principal, params.id, body, requestMeta(request)),
);

/** Removes the member from this tenant (the account stays: other tenants may share it). */
export const DELETE = route(
  { scope: "write", permission: "gatehouse.users.manage", params: userParams },
  ({ db, principal, params, request }) => removeMember(db, principal, params.id, requestMeta(request)),
);
