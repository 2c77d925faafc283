import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type BaseMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { Command, isInterrupted } from "@langchain/langgraph";
import {
  createGuard,
  type Guard,
  loadPolicy,
  MandateAuthority,
  memorySink,
  type TraceEvent,
} from "@mandate/core";
import { type ApprovalPayload, answerApproval, runTask } from "@mandate/langgraph";
import { describe, expect, it } from "vitest";
import { buildSupervisor, issueRootMandate } from "../../examples/supervisor/app.ts";
import { call, demoModels, REQUEST, say, scripted } from "../../examples/supervisor/script.ts";
import { makeTools } from "../../examples/supervisor/tools.ts";

const POLICY = readFileSync(join(import.meta.dirname, "../../examples/supervisor/policy.yaml"), "utf8");

async function world(options: { onRun?: (tool: string, guard: Guard) => void | Promise<void> } = {}) {
  const authority = await MandateAuthority.create({
    issuer: "https://auth.acme.example",
    audience: "agents",
  });
  const sink = memorySink();
  const guard = createGuard({ authority, policy: loadPolicy(POLICY), sinks: [sink] });
  const root = await issueRootMandate(authority);
  const rootJti = (await guard.verify(root)).jti;
  const onRun = options.onRun;
  const tools = makeTools(onRun === undefined ? {} : { onRun: (t) => onRun(t, guard) });
  return { authority, guard, sink, root, rootJti, tools };
}

type World = Awaited<ReturnType<typeof world>>;

function toolMessage(messages: readonly BaseMessage[], callId: string): ToolMessage | undefined {
  return messages
    .filter((m): m is ToolMessage => ToolMessage.isInstance(m))
    .find((m) => m.tool_call_id === callId);
}

function decision(events: readonly TraceEvent[], callId: string): TraceEvent[] {
  return events.filter((e) => e.kind === "tool.decision" && e.callId === callId);
}

async function start(w: World, models = demoModels(), thread = "t") {
  const app = buildSupervisor({ guard: w.guard, models, tools: w.tools, outputMode: "full_history" });
  const cfg = { configurable: { thread_id: thread } };
  const first = await runTask(app, { messages: [new HumanMessage(REQUEST)], mandate: w.root }, cfg, {
    guard: w.guard,
  });
  return { app, cfg, first };
}

describe("supervisor with handoff mandates (e2e)", () => {
  it("narrows per worker, blocks the injected exfiltration, pauses for the payment, keeps the root", async () => {
    const w = await world();
    const { app, cfg, first } = await start(w);

    // Paused for the payment approval: nothing paid yet, and nothing revoked yet.
    expect(isInterrupted(first)).toBe(true);
    if (!isInterrupted(first)) return;
    expect(w.tools.ran.transfer_funds).toBe(0);
    const paused = (await app.getState(cfg)).values;
    expect(paused.mandate).toBe(w.root);

    // The researcher's mandate: a real signed child, depth 1, exactly its tools.
    const researcher = await w.guard.verify(paused.mandates.researcher ?? "");
    expect(researcher.claims.dep).toBe(1);
    expect(researcher.depth).toBe(1);
    expect(researcher.claims.chn).toEqual([w.rootJti]);
    expect(researcher.claims.scope.flatMap((g) => g.tools)).toEqual(["search", "read_doc"]);
    expect(researcher.claims.sub).toBe("agent:researcher");
    const mailer = await w.guard.verify(paused.mandates.mailer ?? "");
    expect(mailer.claims.scope.flatMap((g) => g.tools)).toEqual(["send_email"]);

    // The injected instruction: denied by the data-flow rule, never sent; the internal mail went out once.
    expect(decision(w.sink.events, "mail-out").map((e) => [e.effect, e.ruleIds])).toEqual([
      ["deny", ["no-external-egress-after-confidential"]],
    ]);
    expect(String(toolMessage(first.messages, "mail-out")?.content)).toContain(
      "no-external-egress-after-confidential",
    );
    expect(w.tools.sent).toEqual(["finance-team@acme.example"]);
    expect(w.tools.ran.send_email).toBe(1);

    const [pause] = first.__interrupt__;
    expect(pause?.value).toMatchObject({
      kind: "mandate.approval",
      tool: "transfer_funds",
      toolCallId: "pay-inv7",
    });
    const done = await runTask(
      app,
      new Command({
        resume: {
          [pause?.id ?? ""]: answerApproval(pause?.value as ApprovalPayload, {
            approved: true,
            by: "cfo@acme.example",
          }),
        },
      }),
      cfg,
      { guard: w.guard },
    );
    expect(isInterrupted(done)).toBe(false);
    expect(w.tools.ran.transfer_funds).toBe(1);
    expect(done.mandate).toBe(w.root); // the supervisor's mandate, same before and after
    expect(done.messages.at(-1)?.content).toContain("Done");

    // The run ended: the root and every child are revoked.
    await expect(w.guard.verify(w.root)).rejects.toMatchObject({ code: "MANDATE_REVOKED" });
    await expect(w.guard.verify(done.mandates.payer ?? "")).rejects.toMatchObject({
      code: "MANDATE_REVOKED",
    });
    const handoffs = w.sink.events.filter((e) => e.kind === "handoff" && e.outcome === "delegated");
    expect(handoffs.map((e) => [e.from, e.to, e.depth])).toEqual([
      ["supervisor", "researcher", 1],
      ["supervisor", "mailer", 1],
      ["supervisor", "payer", 1],
    ]);
  });

  it("revoking the root between resume steps: the paused payment fails with MANDATE_REVOKED", async () => {
    const w = await world();
    const { app, cfg, first } = await start(w, demoModels(), "t-revoke");
    if (!isInterrupted(first)) throw new Error("expected the approval pause");
    await w.guard.revoke(w.rootJti);
    const pause = first.__interrupt__[0];
    const answer = answerApproval(pause?.value as ApprovalPayload, { approved: true });
    const out = await runTask(app, new Command({ resume: { [pause?.id ?? ""]: answer } }), cfg, {
      guard: w.guard,
    });
    expect(w.tools.ran.transfer_funds).toBe(0);
    const refused = toolMessage(out.messages, "pay-inv7");
    expect(refused?.status).toBe("error");
    expect(String(refused?.content)).toContain("MANDATE_REVOKED");
  });

  it("revoking the root from inside a tool: the worker's next call fails with MANDATE_REVOKED", async () => {
    const w = await world({
      onRun: async (tool, guard) => {
        if (tool === "read_doc") await guard.revoke(w.rootJti);
      },
    });
    const models = {
      ...demoModels(),
      researcher: scripted(
        call("researcher", "read_doc", { id: "q3-vendor-report" }, "rv-read"),
        call("researcher", "search", { q: "Northwind invoice" }, "rv-search"),
        say("researcher", "stopped"),
      ),
      supervisor: scripted(
        call("supervisor", "delegate_to_researcher", {}, "rv-sup"),
        say("supervisor", "stopped"),
      ),
    };
    const { first } = await start(w, models, "t-revoke-inside");
    expect(w.tools.ran.read_doc).toBe(1);
    expect(w.tools.ran.search).toBe(0);
    expect(String(toolMessage(first.messages, "rv-search")?.content)).toContain("MANDATE_REVOKED");
    expect(decision(w.sink.events, "rv-search")[0]?.code).toBe("MANDATE_REVOKED");
  });

  it("fails closed when a worker is reached by the stock transfer_to_* tool (no delegated mandate)", async () => {
    const w = await world();
    const models = {
      ...demoModels(),
      supervisor: scripted(
        call("supervisor", "transfer_to_researcher", {}, "fc-sup"),
        say("supervisor", "ok"),
      ),
      researcher: scripted(
        call("researcher", "read_doc", { id: "q3-vendor-report" }, "fc-read"),
        say("researcher", "x"),
      ),
    };
    const { first } = await start(w, models, "t-stock");
    expect(w.tools.ran.read_doc).toBe(0);
    // requireDelegatedMandate: no mandate at all, rather than the supervisor's.
    expect(decision(w.sink.events, "fc-read")[0]?.code).toBe("MANDATE_MALFORMED");
    expect(String(toolMessage(first.messages, "fc-read")?.content)).toContain("no mandate was presented");
    expect(first.mandates.researcher).toBeUndefined();
    expect(first.mandate).toBe(w.root);
  });
});
