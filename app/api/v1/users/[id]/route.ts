import { route } from "@/lib/api/route";
import { removeMember, updateMember } from "@/lib/services/user-writes";
import { getUser } from "@/lib/services/users";
import { MembershipUpdated, noContent, ok, UserDetail } from "@/lib/validation/responses";
import { updateMemberRequest, userParams } from "@/lib/validation/users";

export const GET = route(
  { responses: [ok(UserDetail)], scope: "read", permission: "gatehouse.users.view", params: userParams },
  ({ ctx, params }) => getUser(ctx, params.id),
);

/** `{status}`: disable or re-enable the membership in this tenant. */
export const PATCH = route(
  {
    responses: [ok(MembershipUpdated, "Updated")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: userParams,
    body: updateMemberRequest,
  },
  ({ ctx, params, body }) => updateMember(ctx, params.id, body),
);

/** Removes the member from this tenant (the account stays: other tenants may share it). */
export const DELETE = route(
  {
    responses: [noContent("Removed from the tenant")],
    scope: "write",
    permission: "gatehouse.users.manage",
    params: userParams,
  },
  ({ ctx, params }) => removeMember(ctx, params.id),
);
