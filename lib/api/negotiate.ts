/** Whether the caller asked for CSV (`Accept: text/csv`) rather than JSON. */
export function wantsCsv(request: Request): boolean {
  return /(^|,)\s*text\/csv\s*(;|,|$)/i.test(request.headers.get("accept") ?? "");
}

/** Whether the caller asked for YAML (`Accept: application/yaml`, or the older `text/yaml`, `application/x-yaml`). */
export function wantsYaml(request: Request): boolean {
  return /(^|,)\s*(application\/yaml|application\/x-yaml|text\/yaml)\s*(;|,|$)/i.test(
    request.headers.get("accept") ?? "",
  );
}
