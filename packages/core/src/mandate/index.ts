// The mandate module's public surface (explicit named exports only).
export { argsHash } from "./approval-hash.ts";
export { MandateAuthority } from "./authority.ts";
export { createVerifiedCache, type VerifiedCache } from "./cache.ts";
export {
  andConditions,
  grantCovers,
  grantsAllowTool,
  narrowGrants,
  TOOL_ACTIONS,
  toolMatches,
  toolPatternCovers,
} from "./grants.ts";
export { createMemoryReplayStore, type MemoryReplayStore } from "./replay.ts";
export { createMemoryRevocationStore, type MemoryRevocationStore } from "./revocation.ts";
export { createVerifier } from "./verifier.ts";
export { APPROVAL_TYP, MANDATE_TYP } from "./verify-jws.ts";
