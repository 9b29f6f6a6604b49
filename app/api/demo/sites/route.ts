import { z } from "zod";
import { demoResult, plainAction } from "@/lib/demo/actions";

const newSite = z.object({ name: z.string().trim().min(2, "At least 2 characters").max(120), city: z.string().trim().min(2, "At least 2 characters").max(80) }).strict();

/** Add a site (demo: nothing is stored). */
export const POST = plainAction("sites.list.add_button", newSite, (b) => demoResult(`Site “${b.name}” in ${b.city} added.`));
