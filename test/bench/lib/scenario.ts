/**
 * The benchmark's task: the policy in fixtures/policy.yaml, the intent a task starts with, a
 * 50-call history that a research-and-pay task could have behind it, and the calls that are
 * timed. Shared by the decision, loop and memory suites so they all run the same workload.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Effect,
  type HistoryEntry,
  type Intent,
  loadPolicy,
  type Policy,
  type TaskHistory,
} from "../../../packages/core/src/index.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

export const POLICY_YAML = readFileSync(join(FIXTURES, "policy.yaml"), "utf8");
export const CEDAR_POLICIES = readFileSync(join(FIXTURES, "policy.cedar"), "utf8");

export const INTENT: Intent = Object.freeze({
  id: "task-bench",
  purpose: "research vendors, report, and pay the approved ones",
  tools: [
    "search",
    "send_email",
    "transfer_funds",
    "fetch_url",
    "read_file",
    "write_file",
    "http_request",
    "query_db",
    "create_ticket",
    "post_slack",
  ],
  data: "internal",
});

export function benchPolicy(): Policy {
  return loadPolicy(POLICY_YAML);
}

/** One timed call and the decision both engines must reach on it (checked before timing). */
export interface BenchRequest {
  readonly name: string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly effect: Effect;
  readonly ruleIds: readonly string[];
}

export const REQUESTS: readonly BenchRequest[] = Object.freeze([
  {
    name: "send_email (allow)",
    tool: "send_email",
    args: {
      to: "Ana Lima <ana.lima@acme.example>, bob@acme.example",
      subject: "Vendor shortlist",
      body: "Three vendors passed the checks; details in the ticket.",
    },
    effect: "allow",
    ruleIds: ["email-within-intent"],
  },
  {
    name: "transfer_funds (approve)",
    tool: "transfer_funds",
    args: { amount: 1500, to: "vendor-002", memo: "invoice 2024-117" },
    effect: "approve",
    ruleIds: ["large-transfer-needs-approval"],
  },
  {
    name: "fetch_url (deny)",
    tool: "fetch_url",
    args: { url: "https://docs.acme.example@169.254.169.254/latest/meta-data/iam" },
    effect: "deny",
    ruleIds: ["no-metadata-endpoints"],
  },
]);

/**
 * Fifty prior calls: reads, web fetches, file writes, tickets, a PII query, two payments (3,500 in
 * total) and three denials, none of them among the last 20 (so the circuit breaker stays quiet).
 */
export function historyEntries(): HistoryEntry[] {
  const cycle: HistoryEntry[] = [
    { tool: "search", outcome: "allowed", args: { q: "vendor onboarding checklist" } },
    { tool: "fetch_url", outcome: "allowed", args: { url: "https://docs.acme.example/vendors" } },
    { tool: "read_file", outcome: "allowed", args: { path: "/workspace/notes/vendors.md" } },
    { tool: "write_file", outcome: "allowed", args: { path: "/workspace/out/shortlist.md", text: "…" } },
    { tool: "create_ticket", outcome: "allowed", args: { title: "Review vendor-002 contract" } },
    { tool: "query_db", outcome: "allowed", args: { sql: "SELECT name FROM vendors", table: "orders" } },
    { tool: "http_request", outcome: "allowed", args: { url: "https://api.github.com", ip: "140.82.112.6" } },
  ];
  const entries: HistoryEntry[] = [];
  for (let i = 0; entries.length < 50; i++) {
    const n = entries.length;
    if (n === 5)
      entries.push({ tool: "run_shell", outcome: "denied", args: { cmd: "cat ~/.aws/credentials" } });
    else if (n === 11)
      entries.push({ tool: "delete_file", outcome: "denied", args: { path: "/etc/passwd" } });
    else if (n === 17)
      entries.push({ tool: "read_file", outcome: "denied", args: { path: "/workspace/.env" } });
    else if (n === 20)
      entries.push({ tool: "transfer_funds", outcome: "allowed", args: { amount: 2000, to: "vendor-001" } });
    else if (n === 36)
      entries.push({ tool: "transfer_funds", outcome: "allowed", args: { amount: 1500, to: "payroll" } });
    else entries.push(cycle[i % cycle.length]!);
  }
  return entries;
}

/** The 50-call history as the guard keeps it (a TaskHistory: window of 20 + whole-task aggregates). */
export function benchHistory(policy: Policy): TaskHistory {
  const history = policy.createHistory();
  for (const entry of historyEntries()) history.record(entry);
  return history;
}
