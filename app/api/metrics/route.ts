import { z } from "zod";
import { documented } from "@/lib/api/documented";
import { requireMetricsAccess } from "@/lib/api/metrics-access";
import { problemResponse } from "@/lib/api/problem";
import { ApiError } from "@/lib/errors";
import { metricsText } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

/** Prometheus exposition of this instance (each instance is scraped on its own). */
export const GET = documented(
  [
    {
      status: 200,
      mediaType: "text/plain; version=0.0.4",
      schema: z.string(),
      description: "Prometheus text exposition of this instance",
    },
  ],
  async (request: Request) => {
    try {
      await requireMetricsAccess(request);
    } catch (error) {
      if (error instanceof ApiError) return problemResponse(error);
      throw error;
    }
    const { body, contentType } = await metricsText();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
);
