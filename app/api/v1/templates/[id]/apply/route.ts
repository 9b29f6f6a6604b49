import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { applyTemplate } from "@/lib/services/template-apply";
import { applyTemplateRequest, templateParams } from "@/lib/validation/templates";

export const POST = route(
  { scope: "write", permission: "gatehouse.templates.manage", params: templateParams, body: applyTemplateRequest },
  ({ db, principal, params, body, request }) => applyTemplate(db, principal, params.id, body, requestMeta(request)),
);
