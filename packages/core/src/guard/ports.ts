/**
 * What the guard needs from the policy, mandate and trace modules, stated structurally. The real
 * `Policy`, `MandateAuthority` and verifier satisfy these; keeping them narrow is what lets the guard
 * run with a verifier-only process (public keys, no signing) as well as with a full authority.
 */
import type { DelegateOptions, VerifiedMandate, VerifyOptions } from "../mandate/types.ts";
import type { DecideInput, Decision, HistoryEntry, TaskHistoryView, ToolEntry } from "../policy/types.ts";

export interface TaskHistory extends TaskHistoryView {
  /** `taint: false`: reserve counts and sums now, add labels later via `addLabels`. */
  record(entry: HistoryEntry, options?: { readonly taint?: boolean }): void;
  /** Taint: the task has now read data with these labels (added when a call completes). */
  addLabels(labels: readonly string[]): void;
}

export interface GuardPolicy {
  readonly name: string;
  decide(input: DecideInput): Decision;
  /** The catalogue entry, or the unknown-tool default (`action: act`). */
  toolEntry(name: string): ToolEntry;
  createHistory(options?: { window?: number }): TaskHistory;
  /** Rule ids, for the `policy.load` event. */
  readonly ruleIds: readonly string[];
}

export interface CheckpointSigner {
  readonly kid: string;
  readonly alg: "EdDSA" | "ES256";
  sign(bytes: Uint8Array): Uint8Array;
}

export interface GuardVerifier {
  verify(token: string, options?: VerifyOptions): Promise<VerifiedMandate>;
}

export interface GuardAuthority extends GuardVerifier {
  delegate(parent: string, options: DelegateOptions): Promise<string>;
  revoke(jti: string): Promise<void>;
  issueApproval(request: {
    jti: string;
    tool: string;
    args: Readonly<Record<string, unknown>>;
    by?: string;
  }): Promise<string>;
  verifyApproval(
    token: string,
    expected: { jti: string; tool: string; args: Readonly<Record<string, unknown>> },
  ): Promise<unknown>;
  checkpointSigner(): CheckpointSigner;
}
