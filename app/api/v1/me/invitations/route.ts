import { route } from "@/lib/api/route";
import { listMyInvitations } from "@/lib/services/invitations";
import { MyInvitations, ok } from "@/lib/validation/responses";

export const GET = route({ responses: [ok(MyInvitations)], scope: "read", permission: null, keys: false }, ({ ctx }) =>
  listMyInvitations(ctx),
);
