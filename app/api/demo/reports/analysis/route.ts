import { z } from "zod";
import { route } from "@/lib/api/route";
import { analysisStats } from "@/lib/demo/reports";

/** Advanced consumption statistics: the server refuses them (403 problem+json) without reports.analysis.advanced. */
export const GET = route(
  { scope: "read", permission: "reports.analysis.advanced", keys: false, query: z.object({}).strict() },
  async () => analysisStats(),
);
