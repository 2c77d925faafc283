export { type CelLimits, DEFAULT_LIMITS } from "./cel.ts";
export { type CompiledCondition, compileGrantCondition } from "./conditions.ts";
export { emails, glob, inCidr, pathWithin, UNREADABLE_URL, urlHost, urls } from "./functions.ts";
export { DEFAULT_HISTORY_WINDOW, TaskHistory } from "./history.ts";
export { type LoadPolicyOptions, loadPolicy } from "./load.ts";
export { toolDefinitionHash } from "./pin.ts";
export { Policy } from "./policy.ts";
