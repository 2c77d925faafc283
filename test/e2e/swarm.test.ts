import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HumanMessage, ToolMessage } from "@langchain/core/messages";
import { createGuard, loadPolicy, MandateAuthority, memorySink } from "@mandate/core";
import { runTask } from "@mandate/langgraph";
import { describe, expect, it } from "vitest";
import { buildSwarm, issueRootMandate, makeSwarmTools, swarmModels } from "../../examples/swarm/app.ts";
import { main } from "../../examples/swarm/run.ts";

const POLICY = readFileSync(join(import.meta.dirname, "../../examples/swarm/policy.yaml"), "utf8");

describe("swarm with narrowing handoff mandates (e2e)", () => {
  it("refuses the escalating handoff, accepts the narrowing one (deeper, narrower)", async () => {
    const authority = await MandateAuthority.create({
      issuer: "https://auth.acme.example",
      audience: "agents",
    });
    const sink = memorySink();
    const guard = createGuard({ authority, policy: loadPolicy(POLICY), sinks: [sink] });
    const tools = makeSwarmTools();
    const app = buildSwarm({ guard, models: swarmModels(), tools });
    const root = await issueRootMandate(authority);
    const out = await runTask(
      app,
      { messages: [new HumanMessage("charged twice")], mandate: root },
      { configurable: { thread_id: "sw-1" } },
      { guard, revokeOnEnd: false },
    );
    const messages = out.messages.filter((m): m is ToolMessage => ToolMessage.isInstance(m));
    const byId = (id: string) => messages.find((m) => m.tool_call_id === id);

    // Escalation: an error ToolMessage with the code, and no handoff happened through it.
    expect(byId("bi-h-wide")?.status).toBe("error");
    expect(String(byId("bi-h-wide")?.content)).toContain("MANDATE_ESCALATION");
    const refused = sink.events.filter((e) => e.kind === "handoff" && e.outcome === "refused");
    expect(refused.map((e) => [e.from, e.to, e.tool, e.code])).toEqual([
      ["billing", "triage", "escalate_to_triage", "MANDATE_ESCALATION"],
    ]);

    // The narrowing handoffs: root (0) -> billing (1) -> triage (2), each inside its parent.
    const billing = await guard.verify(out.mandates.billing ?? "");
    const triage = await guard.verify(out.mandates.triage ?? "");
    expect(billing.depth).toBe(1);
    expect(triage.depth).toBe(2);
    expect(triage.claims.chn).toEqual([...billing.claims.chn, billing.jti]);
    expect(triage.claims.scope.flatMap((g) => g.tools)).toEqual(["search_tickets"]);
    expect(out.mandate).toBe(root); // the root is never overwritten by a child
    expect(out.activeAgent).toBe("triage");

    // Back at triage with the narrower mandate: the refund it no longer holds is refused.
    expect(tools.ran).toEqual({ search_tickets: 1, lookup_invoice: 1, issue_refund: 1 });
    expect(String(byId("tr-refund")?.content)).toContain("SCOPE_DENIED");
    await guard.close();
  });

  it("the example runs and revokes the task's mandates at the end", async () => {
    const r = await main({ log: () => {} });
    expect(r.ran.issue_refund).toBe(1);
    expect(r.events.filter((e) => e.kind === "mandate.revoke")).toHaveLength(1);
    expect(r.events.at(-2)).toMatchObject({ kind: "run.end", status: "completed", revoked: true });
  });
});
