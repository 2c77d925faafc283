import { Annotation, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { METADATA_KEY_HANDOFF_DESTINATION } from "@langchain/langgraph-swarm";
import * as lc from "@mandate/langchain";
import { describe, expect, it } from "vitest";
import {
  HANDOFF_DESTINATION_KEY,
  MANDATE_KEY,
  MANDATES_KEY,
  MandateAnnotation,
  mergeMandates,
  resolveMandate,
} from "../src/index.ts";

describe("mandate state channels", () => {
  it("uses exactly the keys of @mandate/langchain and the swarm's handoff metadata key", () => {
    expect(MANDATE_KEY).toBe(lc.MANDATE_KEY);
    expect(MANDATES_KEY).toBe(lc.MANDATES_KEY);
    expect(HANDOFF_DESTINATION_KEY).toBe(METADATA_KEY_HANDOFF_DESTINATION);
  });

  it("resolves like the LangChain adapter: own child, else root, else context", () => {
    const cases: [unknown, string | undefined, unknown][] = [
      [{ mandate: "root", mandates: { a: "child-a" } }, "a", undefined],
      [{ mandate: "root", mandates: { a: "child-a" } }, "b", undefined],
      [{ mandates: {} }, "a", { mandate: "ctx" }],
      [{}, undefined, undefined],
    ];
    for (const [state, agent, context] of cases) {
      expect(resolveMandate(state, agent, { context })).toBe(lc.resolveAgentMandate(state, agent, context));
    }
  });

  it("requireDelegation: an agent without a child mandate gets none, not the parent's", () => {
    const state = { mandate: "root", mandates: { a: "child-a" } };
    expect(resolveMandate(state, "a", { requireDelegation: true })).toBe("child-a");
    expect(resolveMandate(state, "b", { requireDelegation: true })).toBeUndefined();
  });

  it("merges child mandates by key and keeps the parent's mandate when a subgraph writes back", async () => {
    expect(mergeMandates({ a: "1" }, { b: "2" })).toEqual({ a: "1", b: "2" });
    const State = Annotation.Root({ ...MessagesAnnotation.spec, ...MandateAnnotation });
    // The child subgraph returns its full state (as createSupervisor's worker nodes do).
    const child = new StateGraph(State)
      .addNode("work", () => ({ mandates: { worker: "child-token" } }))
      .addEdge(START, "work")
      .compile();
    const parent = new StateGraph(State)
      .addNode("worker", async (s) => child.invoke(s))
      .addEdge(START, "worker")
      .compile();
    const out = await parent.invoke({ messages: [], mandate: "root-token", mandates: { other: "x" } });
    expect(out.mandate).toBe("root-token");
    expect(out.mandates).toEqual({ other: "x", worker: "child-token" });
  });

  it("a subgraph that returns `mandate: undefined` cannot erase the parent's root mandate", async () => {
    const parent = new StateGraph(Annotation.Root({ ...MessagesAnnotation.spec, ...MandateAnnotation }))
      .addNode("worker", () => ({ mandate: undefined }))
      .addEdge(START, "worker")
      .compile();
    const out = await parent.invoke({ messages: [], mandate: "root-token" });
    expect(out.mandate).toBe("root-token");
  });
});
