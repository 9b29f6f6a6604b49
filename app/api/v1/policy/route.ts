import { wantsYaml } from "@/lib/api/negotiate";
import { route } from "@/lib/api/route";
import { ApiError } from "@/lib/errors";
import { exportPolicy, exportPolicyYaml } from "@/lib/services/policy";
import { applyPolicy, previewPolicy } from "@/lib/services/policy-apply";
import { policyApplyQuery, policyDocument, policyExportQuery } from "@/lib/validation/policy";
import { accepted, ok, PolicyChanges, PolicyChangesPending, PolicyDocument } from "@/lib/validation/responses";

// The tenant's policy as one document (docs/policy-as-code.md). Reading it is the roles page's
// (gatehouse.roles.view; the service also asks the catalog's and templates' view, and users.view
// for ?include=assignments); applying it gatehouse.roles.manage, plus the manage code of every
// other area the document changes.
export const GET = route(
  {
    responses: [
      {
        ...ok(PolicyDocument),
        alternatives: [
          {
            mediaType: "application/yaml",
            description: "With `Accept: application/yaml` (or `?format=yaml`): the same document as a YAML download",
          },
        ],
      },
    ],
    scope: "read",
    permission: "gatehouse.roles.view",
    query: policyExportQuery,
  },
  ({ ctx, query, request }) =>
    query.format === "yaml" || (query.format === undefined && wantsYaml(request))
      ? exportPolicyYaml(ctx, query)
      : exportPolicy(ctx, query),
);

/** `If-Match: <perm_version>` (a bare number, or quoted as an entity tag). */
function ifMatchOf(request: Request): number | null {
  const raw = request.headers.get("if-match");
  if (raw === null) return null;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw);
  if (!match)
    throw ApiError.badRequest("If-Match must be the perm_version the document was reviewed at.", [
      { path: "header.if-match", message: "A perm_version: a non-negative integer" },
    ]);
  return Number(match[1]);
}

export const PUT = route(
  {
    responses: [
      ok(PolicyChanges, "Applied (or, with dry_run=true, what would change); the changes are listed"),
      accepted(PolicyChangesPending),
    ],
    scope: "write",
    permission: "gatehouse.roles.manage",
    ifMatch: true,
    query: policyApplyQuery,
    body: policyDocument,
  },
  ({ ctx, query, body, request }) => {
    const ifMatch = ifMatchOf(request);
    return query.dry_run ? previewPolicy(ctx, body) : applyPolicy(ctx, body, ifMatch);
  },
);
