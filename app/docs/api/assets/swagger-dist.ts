import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Swagger UI's prebuilt files (the `swagger-ui-dist` package), served as they ship, never bundled:
 * swagger-ui-react inside a Turbopack bundle breaks on OpenAPI 3.1 ("refract is not a function",
 * swagger-ui issue #10599), the prebuilt bundle does not. Read from node_modules at run time, which
 * `next start` has (a `standalone` output would need `outputFileTracingIncludes` for this folder).
 */
const DIST = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "swagger-ui-dist");

/** The only files the asset route serves, with their content types. */
export const SWAGGER_FILES: Readonly<Record<string, string>> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

export type SwaggerAsset = { body: Buffer; contentType: string; etag: string };

const cache = new Map<string, Promise<SwaggerAsset>>();

/** The allow-listed file, read once per process; null for any other name. */
export function swaggerAsset(file: string): Promise<SwaggerAsset> | null {
  if (!Object.hasOwn(SWAGGER_FILES, file)) return null;
  let asset = cache.get(file);
  if (!asset) {
    asset = readFile(path.join(/*turbopackIgnore: true*/ DIST, file)).then((body) => ({
      body,
      contentType: SWAGGER_FILES[file]!,
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
    }));
    asset.catch(() => cache.delete(file));
    cache.set(file, asset);
  }
  return asset;
}

let version: Promise<string> | undefined;

/** The installed swagger-ui-dist version: asset URLs carry it, so a versioned URL may be cached for good. */
export function swaggerVersion(): Promise<string> {
  version ??= readFile(path.join(/*turbopackIgnore: true*/ DIST, "package.json"), "utf8")
    .then((text) => String((JSON.parse(text) as { version?: unknown }).version ?? "0"))
    .catch(() => "0");
  return version;
}

/** `/docs/api/assets/<file>?v=<version>`. */
export async function swaggerAssetUrl(file: keyof typeof SWAGGER_FILES): Promise<string> {
  return `/docs/api/assets/${file}?v=${encodeURIComponent(await swaggerVersion())}`;
}
