import { route } from "@/lib/api/route";
import { syncPolicy } from "@/lib/services/sync";
import { ok, SyncPolicy } from "@/lib/validation/responses";

/** The key's tenant's policy at its perm_version, for the client SDK (docs/sdk.md). API keys only. */
export const GET = route(
  { responses: [ok(SyncPolicy)], scope: "check", permission: "gatehouse.users.view" },
  ({ ctx }) => syncPolicy(ctx),
);
