import { siteAction } from "@/lib/demo/actions";

/** Remote meter test (requires MFA: its permission says so). */
export const POST = siteAction(
  "sites.detail.actions.test_meter",
  (s) => `Meter ${s.meterSerial} answered the test: communications OK.`,
);
