import { describe, expect, it } from "vitest";
import { CallParents } from "../../src/guard/call-parents.ts";

describe("CallParents: tool calls join the agent whose model proposed them", () => {
  it("maps each proposed tool call id to the model call's parent (the agent span)", () => {
    const parents = new CallParents();
    parents.learn({
      kind: "model.call",
      span: "model-1",
      parent: "agent-a",
      toolCalls: [
        { id: "c1", name: "search" },
        { id: "c2", name: "send_email" },
      ],
    });
    expect(parents.parentOf("c1", "node-run")).toBe("agent-a");
    expect(parents.parentOf("c2", undefined)).toBe("agent-a");
  });

  it("falls back to the adapter's parent for unknown ids, and ignores other kinds and bad entries", () => {
    const parents = new CallParents();
    parents.learn({ kind: "tool.request", parent: "x", toolCalls: [{ id: "c1", name: "t" }] });
    parents.learn({ kind: "model.call", toolCalls: [{ id: "c2", name: "t" }] }); // no parent
    parents.learn({ kind: "model.call", parent: "p", toolCalls: [null, { id: "" }, { id: 7 }] });
    parents.learn({ kind: "model.call", parent: "p", toolCalls: "c3" });
    expect(parents.parentOf("c1", "node-run")).toBe("node-run");
    expect(parents.parentOf("c2", undefined)).toBeUndefined();
    expect(parents.parentOf(undefined, "node-run")).toBe("node-run");
  });

  it("stays bounded: the oldest ids are forgotten first", () => {
    const parents = new CallParents();
    for (let i = 0; i < 5000; i++) {
      parents.learn({ kind: "model.call", parent: `agent-${i}`, toolCalls: [{ id: `c${i}` }] });
    }
    expect(parents.parentOf("c0", "fallback")).toBe("fallback");
    expect(parents.parentOf("c4999", "fallback")).toBe("agent-4999");
  });
});
