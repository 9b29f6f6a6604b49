import { route } from "@/lib/api/route";
import { createUser } from "@/lib/services/user-writes";
import { listUsers } from "@/lib/services/users";
import { created, ok, UserCreated, UserPage } from "@/lib/validation/responses";
import { createUserRequest, userListQuery } from "@/lib/validation/users";

export const GET = route(
  { responses: [ok(UserPage)], scope: "read", permission: "gatehouse.users.view", query: userListQuery },
  ({ ctx, query }) => listUsers(ctx, query),
);

export const POST = route(
  { responses: [created(UserCreated)], scope: "write", permission: "gatehouse.users.manage", body: createUserRequest },
  ({ ctx, body }) => createUser(ctx, body),
);
