/**
 * The policy engine on its own: DESIGN.md's example policy deciding four calls.
 * Run: npx tsx examples/policy/run.ts
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type DecideInput, loadPolicy } from "@mandate/core";

const policy = loadPolicy(readFileSync(join(import.meta.dirname, "policy.yaml"), "utf8"));
const intent = { id: "task-1", purpose: "research the Q3 report", tools: ["search", "read_doc"] };

const calls: [string, DecideInput][] = [
  ["a read within the intent", { tool: "search", args: { q: "Q3 revenue" }, intent }],
  [
    "send_email after a confidential read",
    {
      tool: "send_email",
      args: { to: "x@example.com" },
      intent,
      history: [{ tool: "read_doc", outcome: "allowed" }],
    },
  ],
  ["transfer_funds of 5000", { tool: "transfer_funds", args: { amount: 5000 }, intent }],
  ["an unknown tool", { tool: "shell_exec", args: { cmd: "rm -rf /" }, intent }],
];

console.log(`policy ${policy.name}: ${policy.ruleIds.length} rules, default ${policy.document.default}\n`);
for (const [label, input] of calls) {
  const d = policy.decide(input);
  const rules = d.ruleIds.length > 0 ? d.ruleIds.join(", ") : "(default)";
  const controls = d.controls.length > 0 ? `  controls: ${d.controls.join(", ")}` : "";
  console.log(`${d.effect.padEnd(8)} ${label}\n         rule: ${rules}  reason: ${d.reason}${controls}\n`);
}
