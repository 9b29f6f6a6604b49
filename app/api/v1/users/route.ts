import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { createUser } from "@/lib/services/user-writes";
import { listUsers } from "@/lib/services/users";
import { createUserRequest, userListQuery } from "@/lib/validation/users";

export const GET = route(
  { scope: "read", permission: "gatehouse.users.view", query: userListQuery },
  ({ db, principal, query }) => listUsers(db, principal, query),
);

export const POST = route(
  { scope: "write", permission: "gatehouse.users.manage", body: createUserRequest },
  ({ db, principal, body, request }) => createUser(db, principal, body, requestMeta(request)),
);
