import { buildOpenApi } from "@/lib/api/openapi";
import { routes } from "./routes";

export const dynamic = "force-dynamic";

let document: ReturnType<typeof buildOpenApi> | undefined;

/** The OpenAPI 3.1 document, public like any API reference; built once per process. */
export function GET() {
  document ??= buildOpenApi(routes);
  return Response.json(document, { headers: { "cache-control": "public, max-age=300" } });
}
