import type { TraceEvent } from "@mandate/core";
import type { Attributes } from "@opentelemetry/api";
import { expect } from "vitest";
import { find, type SpanNode, tsOf } from "./span-tree.ts";

// The span tree the supervisor demo (examples/supervisor) must produce, exactly. Values that are
// random per run (jtis, LangChain run ids, digests of results that contain a jti) are read from
// the run's own trace events, so every attribute is compared for equality.

const THREAD = "demo-q3";
const INTERNAL = 0;
const CLIENT = 2;
const OK = { code: 0 };

/** model.call label -> the agent span it belongs under, in trace order. */
const CHATS: readonly (readonly [string, string])[] = [
  ["chat:supervisor#1", "vendor-payment-team#1"],
  ["chat:researcher#1", "researcher#1"],
  ["chat:researcher#2", "researcher#1"],
  ["chat:supervisor#2", "vendor-payment-team#1"],
  ["chat:mailer#1", "mailer#1"],
  ["chat:mailer#2", "mailer#1"],
  ["chat:mailer#3", "mailer#1"],
  ["chat:supervisor#3", "vendor-payment-team#1"],
  ["chat:payer#1", "payer#1"],
  ["chat:payer#2", "payer#2"],
  ["chat:supervisor#4", "vendor-payment-team#2"],
];

export function expectDemoSpanTree(
  nodes: ReadonlyMap<string, SpanNode>,
  events: readonly TraceEvent[],
): void {
  const expected = demoSpanTree(events);
  expect([...nodes.keys()].sort()).toEqual(Object.keys(expected).sort());
  for (const [label, node] of Object.entries(expected))
    expect({ label, ...nodes.get(label) }).toEqual({ label, ...node });
}

function demoSpanTree(events: readonly TraceEvent[]): Record<string, SpanNode> {
  const runs = find(events, "run.start");
  const rootJti = String(runs[0]?.jti);
  const child = (agent: string) => String(find(events, "handoff", (e) => e.to === agent)[0]?.jti);
  const agentStart = (name: string, n: number) => find(events, "agent.start", (e) => e.name === name)[n - 1];
  const spanOf = (name: string, n: number) => String(agentStart(name, n)?.span);
  const endOf = (name: string, n: number) => tsOf(events, "agent.end", (e) => e.span === spanOf(name, n));
  const startOf = (name: string, n: number) => tsOf(events, "agent.start", (e) => e.span === spanOf(name, n));
  const argsSha = (callId: string) =>
    digest(find(events, "tool.request", (e) => e.callId === callId)[0], "args");
  const resultSha = (callId: string) =>
    digest(find(events, "tool.result", (e) => e.callId === callId)[0], "result");
  const request = (callId: string) =>
    Date.parse(find(events, "tool.request", (e) => e.callId === callId)[0]?.ts ?? "");
  const result = (callId: string) =>
    Date.parse(find(events, "tool.result", (e) => e.callId === callId)[0]?.ts ?? "");
  const conversation = { "gen_ai.conversation.id": THREAD };

  const agent = (
    name: string,
    n: number,
    trace: number,
    parent: string,
    id: string,
    jti: string,
    depth: number,
  ) =>
    ({
      name: `invoke_agent ${name}`,
      kind: INTERNAL,
      trace,
      parent,
      start: startOf(name, n),
      end: endOf(name, n),
      status: OK,
      attributes: {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": name,
        "gen_ai.agent.id": id,
        ...conversation,
        "mandate.jti": jti,
        "mandate.depth": depth,
        "mandate.trace.span": spanOf(name, n),
      } as Attributes,
      events: [],
      links: [] as SpanNode["links"],
    }) satisfies SpanNode;

  const tool = (callId: string, name: string, by: string, action: string, parent: string, trace = 1) => ({
    name: `execute_tool ${name}`,
    kind: INTERNAL,
    trace,
    parent,
    start: request(callId),
    end: result(callId),
    status: OK,
    base: {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": name,
      "gen_ai.tool.call.id": callId,
      "gen_ai.agent.name": by,
      ...conversation,
      "mandate.tool.action": action,
      "mandate.args.sha256": argsSha(callId),
    },
  });
  const allowed = (rule: string, jti: string, depth: number, reason = `allowed by rule "${rule}"`) => ({
    "mandate.decision": "allow",
    "mandate.rule_ids": [rule],
    "mandate.reason": reason,
    "mandate.controls": [],
    "mandate.jti": jti,
    "mandate.depth": depth,
  });
  const handoff = (callId: string, to: string, n: number) => {
    const { base, ...span } = tool(callId, `delegate_to_${to}`, "supervisor", "act", "vendor-payment-team#1");
    return {
      ...span,
      attributes: {
        ...base,
        ...allowed("supervisor-handoffs", rootJti, 0),
        "mandate.handoff.to": to,
        "mandate.handoff.outcome": "delegated",
        "mandate.handoff.jti": child(to),
        "mandate.handoff.depth": 1,
        "mandate.result.sha256": resultSha(callId),
      },
      events: [],
      links: [{ to: `${to}#${n}`, attributes: { "mandate.link.type": "handoff.target" } }],
    } satisfies SpanNode;
  };
  const link = (to: string, type: string) => [{ to, attributes: { "mandate.link.type": type } }];
  const mandateEvent = (kind: string, pred: (e: TraceEvent) => boolean, attributes: Attributes) => ({
    name: kind,
    time: tsOf(events, kind, pred),
    attributes,
  });
  const delegated = (agentName: string, tools: string[]) =>
    mandateEvent("mandate.delegate", (e) => e.jti === child(agentName), {
      "mandate.jti": child(agentName),
      "mandate.parent_jti": rootJti,
      "mandate.subject": `agent:${agentName}`,
      "mandate.depth": 1,
      "mandate.tools": tools,
    });

  const readDoc = tool("res-read", "read_doc", "researcher", "read", "researcher#1");
  const mailOut = tool("mail-out", "send_email", "mailer", "act", "mailer#1");
  const mailIn = tool("mail-in", "send_email", "mailer", "act", "mailer#1");
  const pay = tool("pay-inv7", "transfer_funds", "payer", "act", "payer#1");
  const payerJti = child("payer");
  const argsHash = String(find(events, "approval.request")[0]?.argsHash);
  const approvalReason = "payments over 1,000 need a human approver";
  const drop = <T extends { base: unknown }>({ base: _base, ...rest }: T) => rest;

  const tree: Record<string, SpanNode> = {
    "run#1": {
      name: "mandate.run",
      kind: INTERNAL,
      trace: 1,
      parent: null,
      start: Date.parse(runs[0]?.ts ?? ""),
      end: Date.parse(find(events, "run.end")[0]?.ts ?? ""),
      status: OK,
      attributes: {
        ...conversation,
        "mandate.jti": rootJti,
        "mandate.run.resumed": false,
        "mandate.trace.span": String(runs[0]?.span),
        "mandate.run.status": "interrupted",
        "mandate.run.revoked": false,
      },
      events: [
        mandateEvent("mandate.issue", () => true, {
          "mandate.jti": rootJti,
          "mandate.subject": "spiffe://acme.example/agent/supervisor",
          "mandate.depth": 0,
          "mandate.intent": "q3-vendor-payment",
        }),
        delegated("researcher", ["search", "read_doc"]),
        delegated("mailer", ["send_email"]),
        delegated("payer", ["transfer_funds"]),
      ],
      links: [],
    },
    "run#2": {
      name: "mandate.run",
      kind: INTERNAL,
      trace: 2,
      parent: null,
      start: Date.parse(runs[1]?.ts ?? ""),
      end: Date.parse(find(events, "run.end")[1]?.ts ?? ""),
      status: OK,
      attributes: {
        ...conversation,
        "mandate.jti": rootJti,
        "mandate.run.resumed": true,
        "mandate.trace.span": String(runs[1]?.span),
        "mandate.run.status": "completed",
        "mandate.run.revoked": true,
      },
      events: [mandateEvent("mandate.revoke", () => true, { "mandate.jti": rootJti })],
      links: link("run#1", "resume"),
    },
    "vendor-payment-team#1": agent(
      "vendor-payment-team",
      1,
      1,
      "run#1",
      "spiffe://acme.example/agent/supervisor",
      rootJti,
      0,
    ),
    "vendor-payment-team#2": agent(
      "vendor-payment-team",
      2,
      2,
      "run#2",
      "spiffe://acme.example/agent/supervisor",
      rootJti,
      0,
    ),
    "researcher#1": {
      ...agent("researcher", 1, 1, "vendor-payment-team#1", "agent:researcher", child("researcher"), 1),
      links: link("sup-1#1", "handoff.source"),
    },
    "mailer#1": {
      ...agent("mailer", 1, 1, "vendor-payment-team#1", "agent:mailer", child("mailer"), 1),
      links: link("sup-2#1", "handoff.source"),
    },
    "payer#1": (() => {
      const a = agent("payer", 1, 1, "vendor-payment-team#1", "agent:payer", payerJti, 1);
      return {
        ...a,
        attributes: { ...a.attributes, "mandate.interrupted": true },
        links: link("sup-3#1", "handoff.source"),
      };
    })(),
    "payer#2": {
      ...agent("payer", 2, 2, "vendor-payment-team#2", "agent:payer", payerJti, 1),
      links: link("payer#1", "resume"),
    },
    "sup-1#1": handoff("sup-1", "researcher", 1),
    "sup-2#1": handoff("sup-2", "mailer", 1),
    "sup-3#1": handoff("sup-3", "payer", 1),
    "res-read#1": {
      ...drop(readDoc),
      attributes: {
        ...readDoc.base,
        ...allowed("reads-within-intent", child("researcher"), 1),
        "mandate.result.sha256": resultSha("res-read"),
      },
      events: [],
      links: [],
    },
    // Denied: the tool never ran. The span ends at the decision, status ERROR, error.type = code.
    "mail-out#1": {
      ...drop(mailOut),
      end: tsOf(events, "tool.decision", (e) => e.callId === "mail-out"),
      status: { code: 2, message: "POLICY_DENIED" },
      attributes: {
        ...mailOut.base,
        "mandate.decision": "deny",
        "mandate.rule_ids": ["no-external-egress-after-confidential"],
        "mandate.reason": "confidential data was read in this task; it may only be sent to @acme.example",
        "mandate.controls": ["OWASP-ASI02", "NIST-AI-RMF-MANAGE-2.2"],
        "mandate.code": "POLICY_DENIED",
        "mandate.jti": child("mailer"),
        "mandate.depth": 1,
        "error.type": "POLICY_DENIED",
      },
      events: [],
      links: [],
    },
    "mail-in#1": {
      ...drop(mailIn),
      attributes: {
        ...mailIn.base,
        ...allowed("internal-mail", child("mailer"), 1),
        "mandate.result.sha256": resultSha("mail-in"),
      },
      events: [],
      links: [],
    },
    // Paused for a human: ends with its agent, interrupted, approval pending.
    "pay-inv7#1": {
      ...drop(pay),
      end: endOf("payer", 1),
      attributes: {
        ...pay.base,
        "mandate.decision": "approve",
        "mandate.rule_ids": ["large-payment-needs-approval"],
        "mandate.reason": approvalReason,
        "mandate.controls": [],
        "mandate.code": "APPROVAL_REQUIRED",
        "mandate.jti": payerJti,
        "mandate.depth": 1,
        "mandate.approval.status": "pending",
        "mandate.interrupted": true,
      },
      events: [
        {
          name: "mandate.approval.request",
          time: tsOf(events, "approval.request"),
          attributes: {
            "mandate.rule_ids": ["large-payment-needs-approval"],
            "mandate.reason": approvalReason,
            "mandate.jti": payerJti,
            "mandate.approval.args_hash": argsHash,
          },
        },
      ],
      links: [],
    },
    // Approved and resumed in the second run: a new span under the resumed payer, linked back.
    "pay-inv7#2": {
      ...drop(pay),
      trace: 2,
      parent: "payer#2",
      start: tsOf(events, "approval.resolve"),
      attributes: {
        ...pay.base,
        "mandate.approval.status": "approved",
        "mandate.approval.by": "cfo@acme.example",
        ...allowed("large-payment-needs-approval", payerJti, 1, `approved: ${approvalReason}`),
        "mandate.result.sha256": resultSha("pay-inv7"),
      },
      events: [
        {
          name: "mandate.approval.resolve",
          time: tsOf(events, "approval.resolve"),
          attributes: {
            "mandate.approval.approved": true,
            "mandate.approval.by": "cfo@acme.example",
            "mandate.jti": payerJti,
            "mandate.approval.args_hash": argsHash,
          },
        },
      ],
      links: link("pay-inv7#1", "resume"),
    },
  };
  const calls = find(events, "model.call");
  CHATS.forEach(([label, parent], i) => {
    const call = calls[i];
    const end = Date.parse(call?.ts ?? "");
    tree[label] = {
      name: "chat FakeBuiltModel",
      kind: CLIENT,
      trace: parent.endsWith("#2") ? 2 : 1,
      parent,
      start: end - Number(call?.durationMs),
      end,
      status: OK,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "FakeBuiltModel",
        "gen_ai.provider.name": "FakeBuiltModel",
        ...conversation,
        "mandate.trace.span": String(call?.span),
      },
      events: [],
      links: [],
    };
  });
  return tree;
}

function digest(event: TraceEvent | undefined, field: string): string {
  return String((event?.[field] as { sha256?: unknown } | undefined)?.sha256);
}
