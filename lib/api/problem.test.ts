import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { problemResponse } from "./problem";

describe("problem details", () => {
  it("keep their own status, title and detail whatever the extension members say", async () => {
    const res = problemResponse(
      ApiError.conflict("Already approved.", { status: "approved", title: "x", current_version: 3 }),
    );
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({
      status: 409,
      title: "Conflict",
      detail: "Already approved.",
      current_version: 3,
    });
  });

  it("say how long to wait on a 429, in the body and the Retry-After header", async () => {
    const res = problemResponse(ApiError.tooMany(7));
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toMatchObject({ status: 429, retry_after: 7 });
  });
});
