import { route } from "@/lib/api/route";
import { syncUsers } from "@/lib/services/sync";
import { ok, SyncUsersResult } from "@/lib/validation/responses";
import { syncUsersRequest } from "@/lib/validation/sync";

/** `{user_ids}`: their assignments, all read at one perm_version; strangers in `not_found`. */
export const POST = route(
  { responses: [ok(SyncUsersResult)], scope: "check", permission: "gatehouse.users.view", body: syncUsersRequest },
  ({ ctx, body }) => syncUsers(ctx, body),
);
