export type { EffectivePermissions } from "../../lib/permissions/engine";
export type {
  Decision,
  DecisionContext,
  ExplainStep,
  Explanation,
  Reason,
  Via,
} from "../../lib/permissions/types";
export {
  type CallOptions,
  type ConnectOptions,
  type DecisionSource,
  Gatehouse,
  type MetricsHooks,
  type SdkDecision,
  type SdkStats,
} from "./client";
export { GatehouseError } from "./http";
