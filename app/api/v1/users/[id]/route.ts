import { route } from "@/lib/api/route";
import { getUser } from "@/lib/services/users";
import { userParams } from "@/lib/validation/users";

export const GET = route({ scope: "read", permission: "gatehouse.users.view", params: userParams }, ({ db, principal, params }) => getUser(db, principal, params.id));
