import { metricsText } from "@/lib/api/metrics";
import { requireMetricsAccess } from "@/lib/api/metrics-access";
import { ApiError, problemResponse } from "@/lib/api/problem";

export const dynamic = "force-dynamic";

/** Prometheus exposition of this instance (each instance is scraped on its own). */
export async function GET(request: Request) {
  try {
    await requireMetricsAccess(request);
  } catch (error) {
    if (error instanceof ApiError) return problemResponse(error);
    throw error;
  }
  const { body, contentType } = await metricsText();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
