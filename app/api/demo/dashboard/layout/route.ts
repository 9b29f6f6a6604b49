import { z } from "zod";
import { demoResult, plainAction } from "@/lib/demo/actions";

const layout = z.object({ widgets: z.array(z.string().max(60)).max(20) }).strict();

/** Save the dashboard's widget layout. */
export const POST = plainAction("dashboard.customize", layout, () => demoResult("Dashboard layout saved."));
