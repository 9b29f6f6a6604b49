import { ApiError } from "@/lib/errors";

/** The ApiError a write refused with (tests): fails the test when it succeeded or threw anything else. */
export async function refusal(write: Promise<unknown>): Promise<ApiError> {
  try {
    await write;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}
