import { CHECK } from "@/lib/api/check-routes";
import { route } from "@/lib/api/route";

// Declared in lib/api/check-routes.ts: the data plane (lib/api/data-plane.ts) serves the same
// route to API keys without Next's router.
export const POST = route(CHECK.spec, CHECK.handler);
