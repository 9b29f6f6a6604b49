import { route } from "@/lib/api/route";
import { applyTemplate } from "@/lib/services/template-apply";
import { accepted, ok, TemplateApplied, TemplateAppliedPending } from "@/lib/validation/responses";
import { applyTemplateRequest, templateParams } from "@/lib/validation/templates";

export const POST = route(
  {
    responses: [ok(TemplateApplied, "Applied"), accepted(TemplateAppliedPending)],
    scope: "write",
    permission: "gatehouse.templates.manage",
    params: templateParams,
    body: applyTemplateRequest,
  },
  ({ ctx, params, body }) => applyTemplate(ctx, params.id, body),
);
