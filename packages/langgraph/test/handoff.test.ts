import { HumanMessage, ToolMessage } from "@langchain/core/messages";
import { END, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { describe, expect, it, vi } from "vitest";
import {
  createHandoffTool,
  HANDOFF_DESTINATION_KEY,
  type HandoffToolOptions,
  MandateMessagesAnnotation,
} from "../src/index.ts";
import { callTools, setup } from "./helpers.ts";

/** parent: alice (a subgraph whose ToolNode runs the handoff) -> bob, as supervisor/swarm wire it. */
function handoffGraph(options: HandoffToolOptions) {
  const handoff = createHandoffTool(options);
  const alice = new StateGraph(MandateMessagesAnnotation)
    .addNode("tools", new ToolNode([handoff]))
    .addEdge(START, "tools")
    .addEdge("tools", END)
    .compile();
  const bobSaw = vi.fn((_state: typeof MandateMessagesAnnotation.State) => ({}));
  const parent = new StateGraph(MandateMessagesAnnotation)
    .addNode("alice", alice, { ends: ["bob"] })
    .addNode("bob", bobSaw)
    .addEdge(START, "alice")
    .addEdge("bob", END)
    .compile();
  return { handoff, parent, bobSaw };
}

const ask = (name: string) => [new HumanMessage("hi"), callTools("ai-1", [{ name, args: {}, id: "h1" }])];

describe("createHandoffTool", () => {
  it("delegates a narrowed child into mandates[agent] and hands over; the parent's mandate is untouched", async () => {
    const s = await setup({
      scope: [{ tools: ["transfer_to_bob"] }],
      delegable: [{ tools: ["search", "read_doc"] }],
    });
    const { handoff, parent, bobSaw } = handoffGraph({
      guard: s.guard,
      agentName: "bob",
      scope: [{ tools: ["search"] }],
    });
    expect(handoff.name).toBe("transfer_to_bob");
    expect(handoff.metadata?.[HANDOFF_DESTINATION_KEY]).toBe("bob");

    const out = await parent.invoke({ messages: ask("transfer_to_bob"), mandate: s.mandate });
    expect(bobSaw).toHaveBeenCalledTimes(1);
    expect(out.mandate).toBe(s.mandate);
    const child = await s.guard.verify(out.mandates.bob ?? "");
    expect(child.depth).toBe(1);
    expect(child.claims.sub).toBe("agent:bob");
    expect(child.claims.scope).toEqual([{ tools: ["search"] }]);
    expect(child.claims.dlg).toEqual([]);
    const reply = out.messages.find((m) => ToolMessage.isInstance(m));
    expect(String(reply?.content)).toContain("Transferred to bob with a mandate for: search (depth 1)");
    const event = s.sink.events.find((e) => e.kind === "handoff");
    expect(event).toMatchObject({
      from: "alice",
      to: "bob",
      outcome: "delegated",
      jti: child.jti,
      depth: 1,
      callId: "h1",
    });
  });

  it("refuses an escalating handoff with an error ToolMessage (MANDATE_ESCALATION); no handoff", async () => {
    const s = await setup({ scope: [{ tools: ["*"] }], delegable: [{ tools: ["search"] }] });
    const { parent, bobSaw } = handoffGraph({
      guard: s.guard,
      agentName: "bob",
      scope: [{ tools: ["search", "transfer_funds"] }],
    });
    const out = await parent.invoke({ messages: ask("transfer_to_bob"), mandate: s.mandate });
    expect(bobSaw).toHaveBeenCalledTimes(0);
    const reply = out.messages.find((m) => ToolMessage.isInstance(m)) as ToolMessage | undefined;
    expect(reply?.status).toBe("error");
    expect(String(reply?.content)).toContain("[MANDATE_ESCALATION]");
    expect(String(reply?.content)).not.toContain(s.mandate);
    expect(out.mandates).toEqual({});
    expect(s.sink.events.find((e) => e.kind === "handoff")).toMatchObject({
      outcome: "refused",
      code: "MANDATE_ESCALATION",
    });
  });

  it("hands on from the holder's own child mandate, one level deeper", async () => {
    const s = await setup();
    const alicesChild = await s.guard.delegate(s.mandate, {
      subject: "agent:alice",
      scope: [{ tools: ["transfer_to_bob"] }],
      delegable: [{ tools: ["search"] }],
    });
    const { parent } = handoffGraph({
      guard: s.guard,
      agentName: "bob",
      scope: [{ tools: ["search"] }],
      from: "alice",
    });
    const out = await parent.invoke({
      messages: ask("transfer_to_bob"),
      mandate: s.mandate,
      mandates: { alice: alicesChild },
    });
    const child = await s.guard.verify(out.mandates.bob ?? "");
    expect(child.depth).toBe(2);
    expect(out.mandates.alice).toBe(alicesChild);
  });

  it("requireDelegation: a holder without its own mandate cannot hand on the root's authority", async () => {
    const s = await setup();
    const { parent, bobSaw } = handoffGraph({
      guard: s.guard,
      agentName: "bob",
      scope: [{ tools: ["search"] }],
      requireDelegation: true,
    });
    const out = await parent.invoke({ messages: ask("transfer_to_bob"), mandate: s.mandate });
    expect(bobSaw).toHaveBeenCalledTimes(0);
    expect(String(out.messages.at(-1)?.content)).toContain("[MANDATE_MALFORMED]");
  });

  it("authorize: checks the handoff call itself first (scope, policy); a refused one delegates nothing", async () => {
    const s = await setup({ scope: [{ tools: ["search"] }], delegable: [{ tools: ["search"] }] });
    const { parent, bobSaw } = handoffGraph({
      guard: s.guard,
      agentName: "bob",
      scope: [{ tools: ["search"] }],
      authorize: true,
    });
    const out = await parent.invoke({ messages: ask("transfer_to_bob"), mandate: s.mandate });
    expect(bobSaw).toHaveBeenCalledTimes(0);
    expect(String(out.messages.at(-1)?.content)).toContain("[SCOPE_DENIED]");
    expect(s.sink.events.filter((e) => e.kind === "mandate.delegate")).toHaveLength(0);

    const ok = await setup({ scope: [{ tools: ["transfer_to_*"] }], delegable: [{ tools: ["search"] }] });
    const allowed = handoffGraph({
      guard: ok.guard,
      agentName: "bob",
      scope: [{ tools: ["search"] }],
      authorize: true,
    });
    await allowed.parent.invoke({ messages: ask("transfer_to_bob"), mandate: ok.mandate });
    expect(allowed.bobSaw).toHaveBeenCalledTimes(1);
    const kinds = ok.sink.events.filter((e) => e.callId === "h1").map((e) => e.kind);
    expect(kinds).toEqual(["tool.request", "tool.decision", "handoff", "tool.result"]);
  });

  it("rejects bad options with a TypeError", async () => {
    const s = await setup();
    expect(() => createHandoffTool({ guard: s.guard, scope: [] } as never)).toThrow(TypeError);
    expect(() => createHandoffTool({ guard: s.guard, agentName: "bob" } as never)).toThrow(TypeError);
    expect(() => createHandoffTool({ agentName: "bob", scope: [] } as never)).toThrow(TypeError);
    expect(createHandoffTool({ guard: s.guard, agentName: "Bob Two", scope: [] }).name).toBe(
      "transfer_to_bob_two",
    );
  });
});
