import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { type BaseMessage, ToolMessage } from "@langchain/core/messages";
import { type TraceEvent, verifyTrace } from "@mandate/core";
import type { RunRecord } from "./scenario.ts";

/** A JWT/JWS compact serialisation (mandates and approvals are JWTs): must never be in a trace. */
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./;
/** Raw control, line-separator and bidi characters: a JSONL line must carry them escaped (L-05, L-06). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what the audit hunts for.
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** What the run's JSONL trace says about itself, checked independently of the guard. */
export interface TraceAudit {
  /** `verifyTrace` on the file with the authority's keys: chain, sequence, signed checkpoints. */
  readonly verified: boolean;
  readonly verifyProblem?: string;
  /** The file parses line by line into exactly the events the guard emitted (no more, no fewer). */
  readonly sameAsEmitted: boolean;
  /** Raw-text findings: unescaped control characters, JWT-shaped strings. */
  readonly rawFindings: readonly string[];
  /** A JWT-shaped string in any message the model saw (A-14: tokens never cross into messages). */
  readonly tokenInMessages: boolean;
  /** Every guard decision produced exactly one `tool.decision` event (L-13). */
  readonly oneEventPerDecision: boolean;
  readonly decisions: readonly TraceEvent[];
  /** `approval.resolve` events: what the approver answered. */
  readonly approvals: readonly TraceEvent[];
  readonly raw: string;
}

export async function auditTrace(record: RunRecord): Promise<TraceAudit> {
  const raw = readFileSync(record.tracePath, "utf8");
  const lines = raw.split("\n").filter((l) => l.length > 0);
  const fileEvents: unknown[] = [];
  const rawFindings: string[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      fileEvents.push(JSON.parse(line));
    } catch {
      rawFindings.push(`line ${i + 1} is not JSON`);
    }
  }
  if (RAW_UNSAFE.test(raw)) rawFindings.push("raw control or bidi character in the file");
  if (JWT_SHAPED.test(raw)) rawFindings.push("JWT-shaped string in the file");
  const result = await verifyTrace(record.tracePath, { keys: record.jwks });
  const decisions = (fileEvents as TraceEvent[]).filter((e) => e.kind === "tool.decision");
  const approvals = (fileEvents as TraceEvent[]).filter((e) => e.kind === "approval.resolve");
  return {
    verified: result.ok,
    ...(result.ok ? {} : { verifyProblem: `${result.code ?? "?"}: ${result.problem ?? "?"}` }),
    sameAsEmitted: isDeepStrictEqual(fileEvents, JSON.parse(JSON.stringify(record.memoryEvents))),
    rawFindings,
    tokenInMessages: record.messages.some((m) => JWT_SHAPED.test(messageText(m))),
    oneEventPerDecision: decisions.length === record.stats.decisions,
    decisions,
    approvals,
    raw,
  };
}

/** Everything about the trace that must hold in every run, benign or attacked. */
export function traceProblems(audit: TraceAudit): string[] {
  return [
    ...(audit.verified ? [] : [`verifyTrace failed (${audit.verifyProblem})`]),
    ...(audit.sameAsEmitted ? [] : ["the file does not hold exactly the emitted events"]),
    ...audit.rawFindings,
    ...(audit.tokenInMessages ? ["a JWT-shaped string reached the messages"] : []),
    ...(audit.oneEventPerDecision ? [] : ["decisions and tool.decision events differ in number"]),
  ];
}

function messageText(message: BaseMessage): string {
  const content = typeof message.content === "string" ? message.content : JSON.stringify(message.content);
  return ToolMessage.isInstance(message) ? `${content} ${message.tool_call_id}` : content;
}
