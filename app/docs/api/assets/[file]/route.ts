import { swaggerAsset, swaggerVersion } from "../swagger-dist";

/** Serves Swagger UI's prebuilt files (allow-listed in ../swagger-dist.ts) to /docs/api. Public, like the page. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const pending = swaggerAsset(file);
  if (!pending)
    return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  let asset: Awaited<typeof pending>;
  try {
    asset = await pending;
  } catch {
    return new Response("Swagger UI is not installed (swagger-ui-dist)", {
      status: 500,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  // A URL carrying the installed version never changes; any other is revalidated with its ETag.
  const versioned = new URL(request.url).searchParams.get("v") === (await swaggerVersion());
  const headers = {
    "content-type": asset.contentType,
    "cache-control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
    etag: asset.etag,
    "x-content-type-options": "nosniff",
  };
  if (request.headers.get("if-none-match") === asset.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(asset.body), {
    headers: { ...headers, "content-length": String(asset.body.byteLength) },
  });
}
