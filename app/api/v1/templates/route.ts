import { route } from "@/lib/api/route";
import { createTemplate } from "@/lib/services/template-writes";
import { listTenantTemplates } from "@/lib/services/templates";
import { created, ok, TemplatePage, TemplateWritten } from "@/lib/validation/responses";
import { createTemplateRequest, templateListQuery } from "@/lib/validation/templates";

export const GET = route(
  { responses: [ok(TemplatePage)], scope: "read", permission: "gatehouse.templates.view", query: templateListQuery },
  ({ ctx, query }) => listTenantTemplates(ctx, query),
);

export const POST = route(
  {
    responses: [created(TemplateWritten)],
    scope: "write",
    permission: "gatehouse.templates.manage",
    body: createTemplateRequest,
  },
  ({ ctx, body }) => createTemplate(ctx, body),
);
