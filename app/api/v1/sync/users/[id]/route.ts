import { route } from "@/lib/api/route";
import { syncUser } from "@/lib/services/sync";
import { ok, SyncUserResult } from "@/lib/validation/responses";
import { syncUserParams } from "@/lib/validation/sync";

/** One user's assignments with the version they were read at; 404 for anyone the tenant does not know. */
export const GET = route(
  { responses: [ok(SyncUserResult)], scope: "check", permission: "gatehouse.users.view", params: syncUserParams },
  ({ ctx, params }) => syncUser(ctx, params.id),
);
