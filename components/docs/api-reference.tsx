"use client";

import Script from "next/script";
import { useCallback, useRef, useState } from "react";
import { ErrorState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/lib/query/paths";

type SwaggerUIBundle = ((options: Record<string, unknown>) => unknown) & { presets: { apis: unknown } };

declare global {
  interface Window {
    SwaggerUIBundle?: SwaggerUIBundle;
  }
}

/**
 * Swagger UI from its prebuilt bundle (swagger-ui-dist, served by /docs/api/assets): nothing comes
 * from a CDN, so the reference renders offline, and the prebuilt bundle handles OpenAPI 3.1, which
 * swagger-ui-react inside a Turbopack bundle does not (swagger-ui issue #10599).
 */
export function ApiReference({ bundleUrl, specUrl = paths.openapi }: { bundleUrl: string; specUrl?: string }) {
  const node = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  // onReady runs once the script has loaded and again whenever this component mounts later on.
  const mount = useCallback(() => {
    const SwaggerUI = window.SwaggerUIBundle;
    if (!node.current || !SwaggerUI) return setState("failed");
    SwaggerUI({
      domNode: node.current,
      url: specUrl,
      deepLinking: true,
      // Tags start closed, each opening on a click (a deep link opens its own): with every one of
      // 125+ operations laid out at once, Swagger UI 5.35 stops rendering after the first tags.
      docExpansion: "none",
      defaultModelsExpandDepth: 0,
      tryItOutEnabled: false,
      validatorUrl: null,
      presets: [SwaggerUI.presets.apis],
      // Swagger UI leaves its server picker without a name; screen readers need one.
      onComplete: () => node.current?.querySelector("select#servers")?.setAttribute("aria-label", "Server"),
    });
    setState("ready");
  }, [specUrl]);

  return (
    <>
      {state === "loading" && (
        <div role="status" aria-label="Loading the API reference" className="space-y-2 px-3 pt-6">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      )}
      {state === "failed" && (
        <ErrorState
          title="Could not load the API reference"
          detail={`Swagger UI did not load. The raw document is at ${paths.openapi}.`}
        />
      )}
      <div ref={node} />
      <Script src={bundleUrl} strategy="afterInteractive" onReady={mount} onError={() => setState("failed")} />
    </>
  );
}
