import { z } from "zod";
import type { RouteSpec } from "./route";

type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
export type RouteModule = Record<string, unknown>;
type Handler = ((...args: never[]) => unknown) & { spec?: AnySpec };
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
export interface RouteEntry { path: string; module: RouteModule; summary?: string; public?: boolean }

const problem = { description: "Problem", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // Inputs as a client sends them; refinements and transforms that JSON Schema cannot say are left out.
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
}

function parameters(spec: AnySpec, pathParams: string[]) {
  const out: Record<string, unknown>[] = [];
  const params = spec.params ? (jsonSchema(spec.params).properties as Record<string, unknown> | undefined) : undefined;
  for (const name of pathParams) out.push({ name, in: "path", required: true, schema: params?.[name] ?? { type: "string" } });
  if (spec.query) {
    const q = jsonSchema(spec.query);
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Record<string, unknown>) ?? {})) out.push({ name, in: "query", required: required.has(name), schema });
  }
  return out;
}

/** OpenAPI 3.1, generated from the very specs (and zod schemas) the route wrapper enforces. */
export function buildOpenApi(entries: RouteEntry[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const entry of entries) {
    const openPath = entry.path.replace(/\[([^\]]+)\]/g, "{$1}");
    const pathParams = [...entry.path.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
    for (const [method, exported] of Object.entries(entry.module)) {
      if (!METHODS.has(method) || typeof exported !== "function") continue;
      const spec = (exported as Handler).spec;
      const security = entry.public ? [] : spec?.keys === false ? [{ session: [] }] : [{ session: [] }, { apiKey: [] }];
      paths[openPath] ??= {};
      paths[openPath][method.toLowerCase()] = {
        operationId: `${method.toLowerCase()}${openPath.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
        summary: entry.summary ?? `${method} ${openPath}`,
        description: spec
          ? [`API key scope: \`${spec.scope}\`${spec.keys === false ? " (users only: API keys are refused)" : ""}.`, spec.permission ? `Requires the Gatehouse permission \`${spec.permission}\`.` : "Any signed-in member."].join(" ")
          : undefined,
        tags: [openPath.split("/")[3] ?? "api"],
        security,
        parameters: spec ? parameters(spec, pathParams) : pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
        ...(spec?.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body) } } } } : {}),
        responses: {
          "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
          ...(entry.public ? {} : { "400": problem, "401": problem, "403": problem, "404": problem, "409": problem, "422": problem, "429": problem }),
        },
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: { title: "Gatehouse API", version: "1", description: "Roles and permissions for multi-tenant products. Errors are application/problem+json (RFC 9457)." },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key of one tenant: `Authorization: Bearer gh_…`" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "A browser session; unsafe methods need a same-origin `Origin` header" },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" },
            errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
          },
        },
      },
    },
    paths,
  };
}
