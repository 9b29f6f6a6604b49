import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { createTemplate } from "@/lib/services/template-writes";
import { listTenantTemplates } from "@/lib/services/templates";
import { createTemplateRequest, templateListQuery } from "@/lib/validation/templates";

export const GET = route(
  { scope: "read", permission: "gatehouse.templates.view", query: templateListQuery },
  ({ db, principal, query }) => listTenantTemplates(db, principal, query),
);

export const POST = route(
  { scope: "write", permission: "gatehouse.templates.manage", answersPermVersion: true, body: createTemplateRequest },
  ({ db, principal, body, request }) => createTemplate(db, principal, body, requestMeta(request)),
);
