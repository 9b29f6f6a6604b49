import { route } from "@/lib/api/route";
import { deleteTemplate, updateTemplate } from "@/lib/services/template-writes";
import { getTemplate } from "@/lib/services/templates";
import { noContent, ok, Template, TemplateWritten } from "@/lib/validation/responses";
import { templateParams, updateTemplateRequest } from "@/lib/validation/templates";

export const GET = route(
  { responses: [ok(Template)], scope: "read", permission: "gatehouse.templates.view", params: templateParams },
  ({ ctx, params }) => getTemplate(ctx, params.id),
);

export const PATCH = route(
  {
    responses: [ok(TemplateWritten, "Updated")],
    scope: "write",
    permission: "gatehouse.templates.manage",

    params: templateParams,
    body: updateTemplateRequest,
  },
  ({ ctx, params, body }) => updateTemplate(ctx, params.id, body),
);

export const DELETE = route(
  {
    responses: [noContent("Deleted (the tenant's current perm_version is in X-Perm-Version)")],
    scope: "write",
    permission: "gatehouse.templates.manage",
    params: templateParams,
  },
  ({ ctx, params }) => deleteTemplate(ctx, params.id),
);
