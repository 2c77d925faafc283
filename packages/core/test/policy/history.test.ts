import { describe, expect, it } from "vitest";
import { DEFAULT_HISTORY_WINDOW, type HistoryEntry, loadPolicy } from "../../src/index.ts";
import { MAX_UNLISTED_TOOL_COUNTS } from "../../src/policy/history.ts";

const policy = loadPolicy(`
apiVersion: mandate/v1
kind: Policy
metadata: { name: cumulative }
default: deny
tools:
  search: { action: read }
  read_doc: { action: read, labels: [confidential] }
  transfer_funds: { action: act, sum: [amount] }
rules:
  - id: reads
    effect: allow
    when: tool.action == "read"
  - id: transfers
    effect: allow
    when: tool.name == "transfer_funds"
  - id: cumulative-transfers-need-approval
    effect: approve
    when: tool.name == "transfer_funds" && trace.totals.transfer_funds.amount + args.amount > 1000
  - id: call-budget
    effect: deny
    when: trace.count >= 2000
  - id: egress-after-confidential
    effect: deny
    when: tool.name == "post" && "confidential" in trace.labels
`);
const intent = { id: "t", purpose: "p" };

describe("task history and cumulative rules", () => {
  it("splitting a payment cannot dodge the cumulative limit (H-01)", () => {
    const history = policy.createHistory();
    const pay = (amount: number) => {
      const d = policy.decide({ tool: "transfer_funds", args: { amount }, intent, history });
      if (d.effect === "allow")
        history.record({ tool: "transfer_funds", outcome: "allowed", args: { amount } });
      return d;
    };
    expect(pay(400).effect).toBe("allow");
    expect(pay(400).effect).toBe("allow");
    expect(pay(400)).toMatchObject({ effect: "approve", ruleIds: ["cumulative-transfers-need-approval"] });
    expect(history.snapshot().totals).toEqual({ transfer_funds: { amount: 800n } });
  });

  it("padding the history with harmless calls keeps labels, totals and counts", () => {
    const entries: HistoryEntry[] = [
      { tool: "read_doc", outcome: "allowed" },
      { tool: "transfer_funds", outcome: "allowed", args: { amount: 900 } },
      ...Array.from({ length: 1000 }, () => ({ tool: "search", outcome: "allowed" as const })),
    ];
    const history = policy.createHistory();
    for (const e of entries) history.record(e);
    const snap = history.snapshot();
    expect(snap.calls).toHaveLength(DEFAULT_HISTORY_WINDOW);
    expect(snap.labels).toEqual(["confidential"]);
    expect(snap.count).toBe(1002n);
    expect(snap.counts).toEqual({ search: 1000n, read_doc: 1n, transfer_funds: 1n });
    expect(policy.decide({ tool: "transfer_funds", args: { amount: 200 }, intent, history }).effect).toBe(
      "approve",
    );
    expect(policy.decide({ tool: "post", args: {}, intent, history }).ruleIds).toEqual([
      "egress-after-confidential",
    ]);
    // The same through a plain array.
    expect(
      policy.decide({ tool: "transfer_funds", args: { amount: 200 }, intent, history: entries }).effect,
    ).toBe("approve");
  });

  it("a per-task call budget holds (R-01)", () => {
    const history = policy.createHistory();
    for (let i = 0; i < 2000; i++) history.record({ tool: "search", outcome: "allowed" });
    expect(policy.decide({ tool: "search", args: {}, intent, history }).ruleIds).toEqual(["call-budget"]);
  });

  it("fractional amounts sum too; a bad number in history does not poison later decisions", () => {
    const history = policy.createHistory();
    history.record({ tool: "transfer_funds", outcome: "allowed", args: { amount: 0.5 } });
    history.record({ tool: "transfer_funds", outcome: "denied", args: { amount: Number.POSITIVE_INFINITY } });
    expect(history.snapshot().totals).toEqual({ transfer_funds: { amount: 0.5 } });
    expect(policy.decide({ tool: "search", args: {}, intent, history }).effect).toBe("allow");
  });

  it("memory stays bounded: 100,000 records keep a window of calls", () => {
    const history = policy.createHistory({ window: 5 });
    for (let i = 0; i < 100_000; i++)
      history.record({ tool: `tool-${i % 7}`, outcome: "allowed", args: { i } });
    expect(history.snapshot().calls).toHaveLength(5);
    expect(history.snapshot().count).toBe(100_000n);
  });
});

describe("bounded whatever the model sends", () => {
  it("counts at most MAX_UNLISTED_TOOL_COUNTS invented tool names; a rule reading one past it denies", () => {
    const policy = loadPolicy({
      apiVersion: "mandate/v1",
      kind: "Policy",
      metadata: { name: "bounded" },
      default: "allow",
      tools: { search: { action: "read" } },
      rules: [{ id: "invented-twice", effect: "deny", when: "trace.counts[tool.name] >= 1" }],
    });
    const history = policy.createHistory({ window: 5 });
    for (let i = 0; i < MAX_UNLISTED_TOOL_COUNTS + 50; i++)
      history.record({ tool: `made_up_${i}`, outcome: "denied" });
    history.record({ tool: "__proto__", outcome: "denied" });
    const trace = history.snapshot();
    expect(trace.count).toBe(BigInt(MAX_UNLISTED_TOOL_COUNTS + 51));
    expect(Object.keys(trace.counts)).toHaveLength(1 + MAX_UNLISTED_TOOL_COUNTS); // search + the bound
    expect(Object.getPrototypeOf(trace.counts)).toBe(Object.prototype);
    const intent = { id: "t", purpose: "p" };
    expect(policy.decide({ tool: "made_up_1", args: {}, intent, history }).ruleIds).toEqual([
      "invented-twice",
    ]);
    const past = policy.decide({ tool: "made_up_300", args: {}, intent, history });
    expect(past).toMatchObject({ effect: "deny", code: "POLICY_EVAL_ERROR", ruleIds: ["invented-twice"] });
  });
});
