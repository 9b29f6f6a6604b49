import "server-only";
import { redirect } from "next/navigation";
import { viewerCan } from "@/lib/permissions/server";
import { requireViewer, type Viewer } from "./session";

/**
 * The page guard: the signed-in viewer must hold `code` in their active tenant, decided by the
 * engine; otherwise a clear 403 page naming what is missing.
 */
export async function requirePermission(code: string): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!(await viewerCan(viewer, code))) redirect(`/403?permission=${encodeURIComponent(code)}`);
  return viewer;
}
