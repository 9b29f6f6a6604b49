/** Permission templates: the list, and create, edit, delete and apply-to-a-role. */
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  TemplateApplied,
  TemplateAppliedPending,
  TemplatePage,
  TemplateWritten,
} from "@/lib/validation/responses";
import type { applyTemplateRequest, createTemplateRequest, updateTemplateRequest } from "@/lib/validation/templates";
import { api } from "./api";
import { apiQuery, type ReadOptions, useApiMutation, type WriteOptions } from "./hooks";
import { queryKeys, roleWriteKeys } from "./keys";
import { paths } from "./paths";

export type TemplateList = z.infer<typeof TemplatePage>;
export type TemplateItem = TemplateList["data"][number];
export type TemplateWriteResult = z.infer<typeof TemplateWritten>;
/** 200, or 202 with the approval requests the grants became. */
export type TemplateApplyResult = z.infer<typeof TemplateApplied> | z.infer<typeof TemplateAppliedPending>;
export type CreateTemplateBody = z.input<typeof createTemplateRequest>;
export type UpdateTemplateBody = z.input<typeof updateTemplateRequest>;

export const TEMPLATES_PARAMS = { limit: 200 } as const;

export const templateQueries = {
  list: () => apiQuery<TemplateList>(queryKeys.templates.list(TEMPLATES_PARAMS), paths.templates, TEMPLATES_PARAMS),
};

export const useTemplates = (options: ReadOptions = {}) => useQuery({ ...templateQueries.list(), ...options });

export const applyTemplate = (templateId: string, body: z.input<typeof applyTemplateRequest>) =>
  api.post<TemplateApplyResult>(paths.templateApply(templateId), body);

/** Creates a template (`id` null), or edits one. */
export type SaveTemplate = { id: null; body: CreateTemplateBody } | { id: string; body: UpdateTemplateBody };

export function useSaveTemplate(options: WriteOptions<SaveTemplate, TemplateWriteResult>) {
  return useApiMutation<SaveTemplate, TemplateWriteResult>({
    mutationFn: (save) =>
      save.id === null
        ? api.post<TemplateWriteResult>(paths.templates, save.body)
        : api.patch<TemplateWriteResult>(paths.template(save.id), save.body),
    invalidate: (t) => [queryKeys.templates.all, queryKeys.templates.detail(t.id)],
    ...options,
  });
}

export function useDeleteTemplate<T extends { id: string }>(options: WriteOptions<T, unknown>) {
  return useApiMutation<T>({
    mutationFn: (t) => api.delete(paths.template(t.id)),
    invalidate: [queryKeys.templates.all],
    ...options,
  });
}

/** Applies a template to a role at the version read; refreshes what a write to that role changes. */
export function useApplyTemplate(
  options: WriteOptions<{ templateId: string; role: { id: string; version: number } }, TemplateApplyResult>,
) {
  return useApiMutation<{ templateId: string; role: { id: string; version: number } }, TemplateApplyResult>({
    mutationFn: ({ templateId, role }) => applyTemplate(templateId, { role_id: role.id, version: role.version }),
    invalidate: (_, { role }) => roleWriteKeys(role.id),
    ...options,
  });
}
