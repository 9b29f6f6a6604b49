import { z } from "zod";
import { componentRegistry, components, type ResponseDoc } from "@/lib/validation/responses";
import type { RouteSpec } from "./route";

type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
export type RouteModule = Record<string, unknown>;
type Handler = ((...args: never[]) => unknown) & { spec?: AnySpec; responses?: ResponseDoc[] };
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
export interface RouteEntry {
  path: string;
  module: RouteModule;
  summary?: string;
  public?: boolean;
}
type Json = Record<string, unknown>;

const SCHEMAS = "#/components/schemas/";

function jsonSchema(schema: z.ZodType): Json {
  // Inputs as a client sends them; refinements and transforms that JSON Schema cannot say are left out.
  return tidy(z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" })) as Json;
}

function parameters(spec: AnySpec, pathParams: string[]) {
  const out: Json[] = [];
  const params = spec.params ? (jsonSchema(spec.params).properties as Json | undefined) : undefined;
  for (const name of pathParams)
    out.push({ name, in: "path", required: true, schema: params?.[name] ?? { type: "string" } });
  if (spec.ifMatch)
    out.push({
      name: "If-Match",
      in: "header",
      required: false,
      description: "Apply only if the tenant is still at this perm_version (else 412)",
      schema: { type: "string", pattern: '^(W/)?"?[0-9]+"?$' },
    });
  if (spec.query) {
    const q = jsonSchema(spec.query);
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Json) ?? {}))
      out.push({ name, in: "query", required: required.has(name), schema });
  }
  return out;
}

/** Documentation, not validation: a `format` (uuid, date-time, email) says what zod's long regex says; no `$schema`/`$id` inside the document. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === "$schema" || k === "$id") continue;
    if (k === "pattern" && typeof (node as Json).format === "string") continue;
    // zod's z.int() bounds: every JSON integer a client meets is within them anyway.
    if ((k === "minimum" && v === Number.MIN_SAFE_INTEGER) || (k === "maximum" && v === Number.MAX_SAFE_INTEGER))
      continue;
    out[k] = tidy(v);
  }
  return out;
}

/**
 * The response bodies as JSON Schema (output direction): the named schemas of responses.ts become
 * components/schemas, referred to by $ref; a body schema without a name is inlined at its operation.
 */
function responseSchemas(docs: Record<string, ResponseDoc[]>) {
  const registry = z.registry<{ id: string; description?: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, componentRegistry.get(schema) ?? { id });
  const inline = new Map<z.ZodType, string>();
  for (const [key, list] of Object.entries(docs)) {
    for (const doc of list) {
      const bodies = [doc.schema, ...Object.values(doc.events ?? {})];
      bodies.forEach((schema, i) => {
        if (!schema || registry.has(schema) || inline.has(schema)) return;
        const id = `Inline_${key.replace(/[^a-zA-Z0-9]+/g, "_")}_${doc.status}_${i}`;
        inline.set(schema, id);
        registry.add(schema, { id });
      });
    }
  }
  const { schemas } = z.toJSONSchema(registry, {
    io: "output",
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `${SCHEMAS}${id}`,
  });
  const inlineIds = new Set(inline.values());
  const named: Record<string, Json> = {};
  const inlined = new Map<string, Json>();
  for (const [id, schema] of Object.entries(schemas)) {
    if (inlineIds.has(id)) inlined.set(id, tidy(schema) as Json);
    else named[id] = tidy(schema) as Json;
  }
  const schemaOf = (schema: z.ZodType): Json => {
    const inlineId = inline.get(schema);
    return inlineId ? inlined.get(inlineId)! : { $ref: `${SCHEMAS}${registry.get(schema)!.id}` };
  };
  return { named, schemaOf };
}

const problemResponses: Record<string, { status: number; description: string; headers?: Json }> = {
  BadRequest: {
    status: 400,
    description: "Invalid input: `errors` lists each field (`path`, e.g. `body.name`) and what is wrong with it",
  },
  Unauthorized: { status: 401, description: "Not signed in, or the API key is missing, malformed, unknown or revoked" },
  Forbidden: {
    status: 403,
    description:
      "Not allowed: the body names the missing permission or API key scope (`mfa_required: true` where a TOTP step-up is needed)",
  },
  NotFound: { status: 404, description: "Unknown id, or an id of another tenant (indistinguishable)" },
  Conflict: {
    status: 409,
    description: "Conflict: a stale `version` (the current one is in the body), a duplicate name, or still in use",
  },
  Gone: { status: 410, description: "An invitation already accepted, revoked or expired" },
  PreconditionFailed: {
    status: 412,
    description: "`If-Match` named a perm_version the tenant has moved past (`current_perm_version` says where it is)",
  },
  PayloadTooLarge: { status: 413, description: "The body is larger than 1 MB" },
  Unprocessable: {
    status: 422,
    description: "A rule of the domain refused it (a cycle, a system role or permission, an unknown code…)",
  },
  TooManyRequests: {
    status: 429,
    description: "Rate limited: retry after `Retry-After` seconds",
    headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } },
  },
};
const problemByStatus = new Map(Object.entries(problemResponses).map(([name, p]) => [p.status, name]));

/** The problems an operation can answer, from what its spec declares (no 409 on a read, no 429 without a rate limit…). */
function errorStatuses(method: string, spec: AnySpec | undefined, hasPathParams: boolean): number[] {
  if (!spec) return [401, 403];
  const statuses = new Set([401, 403]);
  if (spec.params || spec.query || spec.body) statuses.add(400);
  if (hasPathParams) statuses.add(404);
  if (method !== "GET" && spec.scope === "write") statuses.add(409), statuses.add(422);
  if (spec.ifMatch) statuses.add(412);
  // An anonymous route (accepting an invitation link) answers for a token: unknown (404) or spent (410).
  if (spec.anonymous) statuses.add(404), statuses.add(410);
  if (spec.body) statuses.add(413);
  if (spec.rateLimit) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

/**
 * `"<METHOD> <path>"` → the success answers each handler declares (its route spec's `responses`,
 * or `documented(…)` for the handlers outside the wrapper): the one source of the document.
 */
export function responseDocsOf(entries: RouteEntry[]): Record<string, ResponseDoc[]> {
  const out: Record<string, ResponseDoc[]> = {};
  for (const entry of entries) {
    for (const [method, exported] of Object.entries(entry.module)) {
      const handler = METHODS.has(method) ? (exported as Handler | undefined) : undefined;
      const responses = handler?.spec?.responses ?? handler?.responses;
      if (responses) out[`${method} ${entry.path}`] = responses;
    }
  }
  return out;
}

const UNTYPED: ResponseDoc = { status: 200, description: "OK (the body is not described yet)" };

/** OpenAPI 3.1, generated from the very specs (and zod schemas) the route wrapper enforces, and the response schemas of responses.ts. */
export function buildOpenApi(entries: RouteEntry[], docs: Record<string, ResponseDoc[]> = responseDocsOf(entries)) {
  const { named, schemaOf } = responseSchemas(docs);
  const success = (doc: ResponseDoc) => {
    const alternatives = doc.alternatives ?? [];
    const description = [doc.description, ...alternatives.map((a) => a.description)].join(". ");
    if (doc.status === 204) return { description };
    const media: Json = { schema: doc.schema ? schemaOf(doc.schema) : { type: "object" } };
    // OpenAPI 3.1 cannot type an event stream's items: each event's `data:` schema goes in an extension.
    if (doc.events)
      media["x-events"] = Object.fromEntries(
        Object.entries(doc.events).map(([name, schema]) => [name, { data: schemaOf(schema) }]),
      );
    const content: Json = { [doc.mediaType ?? "application/json"]: media };
    for (const a of alternatives) content[a.mediaType] = { schema: { type: "string" } };
    return { description, content };
  };

  const paths: Record<string, Json> = {};
  for (const entry of entries) {
    const openPath = entry.path.replace(/\[([^\]]+)\]/g, "{$1}");
    const pathParams = [...entry.path.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
    for (const [method, exported] of Object.entries(entry.module)) {
      if (!METHODS.has(method) || typeof exported !== "function") continue;
      const spec = (exported as Handler).spec;
      const security = entry.public
        ? []
        : spec?.anonymous
          ? [{}, { session: [] }]
          : spec?.keys === false
            ? [{ session: [] }]
            : [{ session: [] }, { apiKey: [] }];
      const documented = docs[`${method} ${entry.path}`] ?? [UNTYPED];
      const errors = entry.public ? [] : errorStatuses(method, spec, pathParams.length > 0);
      paths[openPath] ??= {};
      paths[openPath][method.toLowerCase()] = {
        operationId: `${method.toLowerCase()}${openPath.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
        summary: entry.summary ?? `${method} ${openPath}`,
        description: spec
          ? [
              `API key scope: \`${spec.scope}\`${spec.keys === false ? " (users only: API keys are refused)" : ""}.`,
              spec.permission
                ? `Requires the Gatehouse permission \`${spec.permission}\`.`
                : spec.anonymous
                  ? "Anyone, signed in or not."
                  : "Any signed-in member.",
            ].join(" ")
          : undefined,
        tags: [openPath.split("/")[3] ?? "api"],
        security,
        parameters: spec
          ? parameters(spec, pathParams)
          : pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
        ...(spec?.body
          ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body) } } } }
          : {}),
        responses: {
          ...Object.fromEntries(documented.map((doc) => [String(doc.status), success(doc)])),
          ...Object.fromEntries(
            errors.map((status) => [String(status), { $ref: `#/components/responses/${problemByStatus.get(status)}` }]),
          ),
        },
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Gatehouse API",
      version: "1",
      description: "Roles and permissions for multi-tenant products. Errors are application/problem+json (RFC 9457).",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key of one tenant: `Authorization: Bearer gh_…`",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "A browser session; unsafe methods need a same-origin `Origin` header",
        },
      },
      responses: Object.fromEntries(
        Object.entries(problemResponses).map(([name, p]) => [
          name,
          {
            description: p.description,
            ...(p.headers ? { headers: p.headers } : {}),
            content: { "application/problem+json": { schema: { $ref: `${SCHEMAS}Problem` } } },
          },
        ]),
      ),
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          description:
            "RFC 9457 problem details; extension members (e.g. `missing_permission`, `current_version`, `user_count`) say more",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            errors: {
              type: "array",
              description: "400: each invalid field, with its path (`body.name`, `query.cursor`)",
              items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
            },
            missing_permission: {
              type: "string",
              description: "403: the permission the caller (or an API key's creator) lacks",
            },
            missing_permissions: {
              type: "array",
              items: { type: "string" },
              description: "403: the codes a grant would confer that the grantor does not hold",
            },
            missing_scope: { type: "string", description: "403: the API key scope the route needs" },
            key_creator_id: {
              type: ["string", "null"],
              description: "403: the user whose authority an API key acts with (null: deleted)",
            },
            mfa_required: {
              type: "boolean",
              description: "403: the permission needs a two-factor step-up of this session",
            },
            current_version: { type: "integer", description: "409: the version the resource is at now" },
            current_perm_version: {
              type: "integer",
              description: "412: the tenant's perm_version now (an `If-Match` named an older one)",
            },
            retry_after: { type: "integer", description: "429: seconds to wait (also the Retry-After header)" },
          },
        },
        ...named,
      },
    },
    paths,
  };
}

/** `"<METHOD> <path>"` of every operation the entries export, for coverage reports. */
export function operationsOf(entries: RouteEntry[]): string[] {
  return entries.flatMap((entry) =>
    Object.keys(entry.module)
      .filter((m) => METHODS.has(m) && typeof entry.module[m] === "function")
      .map((m) => `${m} ${entry.path}`),
  );
}
