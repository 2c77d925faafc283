import type { VerifyOptions } from "../mandate/types.ts";
import type { Digest, TraceEvent, TraceRecord } from "../trace/types.ts";
import type { CallParents } from "./call-parents.ts";
import type { TaskHistories } from "./histories.ts";
import type { GuardPolicy, GuardVerifier } from "./ports.ts";
import type { GuardDecision } from "./types.ts";

/** The tracer as the guard uses it (see trace/tracer.ts). */
export interface GuardTracer {
  emit(record: TraceRecord): TraceEvent;
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): { readonly events: number; readonly sinkFailures: number };
}

/** Everything the guard's operations share; built once by `createGuard`. */
export interface GuardContext {
  readonly policy: GuardPolicy;
  readonly verifier: GuardVerifier;
  readonly verifyOptions: VerifyOptions | undefined;
  readonly mode: "enforce" | "monitor";
  readonly clock: () => Date;
  readonly tracer: GuardTracer;
  readonly histories: TaskHistories;
  /** Tool call id -> the agent span whose model proposed it (see call-parents.ts). */
  readonly callParents: CallParents;
  readonly digest: (value: unknown) => Digest;
  readonly approvals: {
    verify(
      token: string,
      expected: { jti: string; tool: string; args: Readonly<Record<string, unknown>> },
    ): Promise<unknown>;
  };
  countDecision(decision: GuardDecision): void;
}
