import { route } from "@/lib/api/route";
import { requestMeta } from "@/lib/services/audit";
import { deleteTemplate, updateTemplate } from "@/lib/services/template-writes";
import { getTemplate } from "@/lib/services/templates";
import { templateParams, updateTemplateRequest } from "@/lib/validation/templates";

export const GET = route(
  { scope: "read", permission: "gatehouse.templates.view", params: templateParams },
  ({ db, principal, params }) => getTemplate(db, principal, params.id),
);

export const PATCH = route(
  {
    scope: "write",
    permission: "gatehouse.templates.manage",
    answersPermVersion: true,
    params: templateParams,
    body: updateTemplateRequest,
  },
  ({ db, principal, params, body, request }) => updateTemplate(db, principal, params.id, body, requestMeta(request)),
);

export const DELETE = route(
  { scope: "write", permission: "gatehouse.templates.manage", answersPermVersion: true, params: templateParams },
  ({ db, principal, params, request }) => deleteTemplate(db, principal, params.id, requestMeta(request)),
);
