import { z } from "zod";
import { documented } from "@/lib/api/documented";
import { policyDocument } from "@/lib/validation/policy";
import { ok, PolicyDocumentSchema } from "@/lib/validation/responses";

export const dynamic = "force-static";

/**
 * The policy document's JSON Schema (as a client writes it: fields with defaults are optional),
 * generated from the zod schema that validates `PUT /api/v1/policy`. Public, like the OpenAPI
 * document, so an editor can validate a policy file against it.
 */
export const GET = documented([ok(PolicyDocumentSchema, "A JSON Schema (draft 2020-12)")], () =>
  Response.json(
    {
      ...z.toJSONSchema(policyDocument, { io: "input", target: "draft-2020-12", unrepresentable: "any" }),
      $id: "/api/v1/policy/schema",
      title: "Gatehouse policy document",
    },
    { headers: { "cache-control": "public, max-age=300" } },
  ),
);
