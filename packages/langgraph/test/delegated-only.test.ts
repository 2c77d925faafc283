import { START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it, vi } from "vitest";
import { MandateMessagesAnnotation, requireDelegatedMandate, resolveMandate } from "../src/index.ts";

function worker() {
  const saw = vi.fn((state: typeof MandateMessagesAnnotation.State) => resolveMandate(state, "researcher"));
  const graph = new StateGraph(MandateMessagesAnnotation)
    .addNode("work", (state) => {
      saw(state);
      return {};
    })
    .addEdge(START, "work")
    .compile({ name: "researcher" });
  return { graph, saw };
}

describe("requireDelegatedMandate", () => {
  it("hides the root mandate from a worker that was not handed one, and never erases it on return", async () => {
    const { graph, saw } = worker();
    const view = requireDelegatedMandate(graph);
    expect(view.name).toBe("researcher");
    const out = (await view.invoke({ messages: [], mandate: "root", mandates: {} })) as Record<
      string,
      unknown
    >;
    expect(saw.mock.results[0]?.value).toBeUndefined();
    expect("mandate" in out).toBe(false);
  });

  it("passes everything through when the worker holds its own delegated mandate", async () => {
    const { graph, saw } = worker();
    const view = requireDelegatedMandate(graph);
    const out = await view.invoke({ messages: [], mandate: "root", mandates: { researcher: "child" } });
    expect(saw.mock.results[0]?.value).toBe("child");
    expect(out.mandate).toBe("root");
  });

  it("needs a named compiled graph", () => {
    expect(() => requireDelegatedMandate({} as never)).toThrow(TypeError);
    const unnamed = new StateGraph(MandateMessagesAnnotation)
      .addNode("n", () => ({}))
      .addEdge(START, "n")
      .compile();
    expect(() => requireDelegatedMandate(unnamed, { agentName: "" })).toThrow(TypeError);
  });
});
