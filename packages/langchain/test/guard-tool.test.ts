import { type AIMessage, HumanMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { toJsonSchema } from "@langchain/core/utils/json_schema";
import {
  Annotation,
  Command,
  END,
  isInterrupted,
  MemorySaver,
  MessagesAnnotation,
  START,
  StateGraph,
} from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { describe, expect, it, vi } from "vitest";
import {
  type ApprovalPayload,
  answerApproval,
  guardTool,
  guardTools,
  MANDATE_KEY,
  MANDATES_KEY,
} from "../src/index.ts";
import { callTools, kindsFor, say, schemas, scripted, setup, spyTool, toolMessages } from "./helpers.ts";

// A hand-built graph: model node -> ToolNode, with the shared mandate channels.
const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  [MANDATE_KEY]: Annotation<string | undefined>(),
  [MANDATES_KEY]: Annotation<Record<string, string>>({
    reducer: (a, b) => ({ ...a, ...b }),
    default: () => ({}),
  }),
});

function toolNodeGraph(model: ReturnType<typeof scripted>, tools: StructuredToolInterface[]) {
  const bound = model.bindTools(tools);
  return new StateGraph(State)
    .addNode("agent", async (state) => ({ messages: [await bound.invoke(state.messages)] }))
    .addNode("tools", new ToolNode(tools))
    .addEdge(START, "agent")
    .addConditionalEdges(
      "agent",
      (s) => ((s.messages.at(-1) as AIMessage).tool_calls?.length ? "tools" : END),
      ["tools", END],
    )
    .addEdge("tools", "agent")
    .compile({ checkpointer: new MemorySaver() });
}

describe("guardTool on a plain ToolNode graph", () => {
  it("shows the model the same definition (name, description, JSON schema)", async () => {
    const { guard } = await setup();
    const originals = [spyTool("search", schemas.search).tool, spyTool("send_email", schemas.sendEmail).tool];
    const guarded = guardTools(originals, guard);
    for (const [i, original] of originals.entries()) {
      const g = guarded[i]!;
      expect(g.name).toBe(original.name);
      expect(g.description).toBe(original.description);
      expect(toJsonSchema(g.schema)).toEqual(toJsonSchema(original.schema));
      expect(convertToOpenAITool(g)).toEqual(convertToOpenAITool(original));
    }
  });

  it("enforces: a denied tool runs 0 times and the model reads the denial; an allowed one runs once", async () => {
    const { guard, sink, mandate } = await setup({ scope: [{ tools: ["search"] }] });
    const search = spyTool("search", schemas.search, (a) => `results for ${a.q}`);
    const sendEmail = spyTool("send_email", schemas.sendEmail);
    const model = scripted(
      callTools("ai-1", [
        { name: "search", args: { q: "otel" }, id: "c_s" },
        { name: "send_email", args: { to: "x@evil.example", body: "hi" }, id: "c_m" },
      ]),
      say("ai-2", "done"),
    );
    const bindTools = vi.spyOn(model, "bindTools");
    const graph = toolNodeGraph(model, guardTools([search.tool, sendEmail.tool], guard));

    const out = await graph.invoke(
      { messages: [new HumanMessage("go")], mandate },
      { configurable: { thread_id: "tn-1" } },
    );

    expect(bindTools).toHaveBeenCalledTimes(1);
    expect(search.fn).toHaveBeenCalledTimes(1);
    expect(sendEmail.fn).toHaveBeenCalledTimes(0);
    const byId = Object.fromEntries(toolMessages(out.messages).map((m) => [m.tool_call_id, m]));
    expect(byId.c_s).toMatchObject({ status: "success", content: "results for otel" });
    expect(byId.c_m?.status).toBe("error");
    expect(byId.c_m?.content).toContain(
      `Mandate denied the call to "send_email": tool "send_email" (act) is outside the mandate's scope [SCOPE_DENIED]`,
    );
    expect(out.messages.at(-1)?.content).toBe("done");
    expect(kindsFor(sink.events, "c_s")).toEqual(["tool.request", "tool.decision", "tool.result"]);
    expect(kindsFor(sink.events, "c_m")).toEqual(["tool.request", "tool.decision"]);
  });

  it("reads the agent's own mandate from `mandates`, or takes one from getMandate", async () => {
    const { guard, mandate } = await setup();
    const search = spyTool("search", schemas.search);
    const noMandate = guardTool(search.tool, guard);
    await expect(
      noMandate.invoke({ name: "search", args: { q: "a" }, id: "d1", type: "tool_call" }),
    ).rejects.toThrow(/no mandate was presented for this agent \[MANDATE_MALFORMED\]/);
    expect(search.fn).toHaveBeenCalledTimes(0);

    const fromOption = guardTool(search.tool, guard, { getMandate: () => mandate });
    const msg = await fromOption.invoke({ name: "search", args: { q: "a" }, id: "d2", type: "tool_call" });
    expect(msg.content).toBe("search ok");
    expect(search.fn).toHaveBeenCalledTimes(1);
  });

  it("rejects misuse with a TypeError", async () => {
    const { guard } = await setup();
    const search = spyTool("search", schemas.search).tool;
    // @ts-expect-error deliberately wrong
    expect(() => guardTool(search, {})).toThrow(
      new TypeError("guardTool(): `guard.authorize` must be a function (see createGuard)"),
    );
    // @ts-expect-error deliberately wrong
    expect(() => guardTool({}, guard)).toThrow(
      new TypeError("guardTool() needs a LangChain structured tool"),
    );
    // @ts-expect-error deliberately wrong
    expect(() => guardTool(search, guard, { approval: "maybe" })).toThrow(TypeError);
  });
});

describe("guardTool approvals in a ToolNode graph", () => {
  it("pauses with the same payload and runs the tool once after approval", async () => {
    const { guard, sink, mandate } = await setup();
    const transfer = spyTool("transfer_funds", schemas.transfer, (a) => `sent ${a.amount}`);
    const graph = toolNodeGraph(
      scripted(
        callTools("ai-1", [{ name: "transfer_funds", args: { amount: 5000, to: "acct-1" }, id: "c_t" }]),
        say("ai-2", "paid"),
      ),
      [guardTool(transfer.tool, guard)],
    );
    const config = { configurable: { thread_id: "tn-appr" } };

    const first = await graph.invoke({ messages: [new HumanMessage("pay")], mandate }, config);
    if (!isInterrupted(first)) throw new Error("expected a pause");
    const [pause] = first.__interrupt__;
    expect(pause?.value).toMatchObject({
      kind: "mandate.approval",
      toolCallId: "c_t",
      tool: "transfer_funds",
    });
    expect(transfer.fn).toHaveBeenCalledTimes(0);

    const out = await graph.invoke(
      new Command({
        resume: {
          [pause!.id!]: answerApproval(pause!.value as ApprovalPayload, { approved: true, by: "cfo" }),
        },
      }),
      config,
    );
    expect(transfer.fn).toHaveBeenCalledTimes(1);
    expect(toolMessages(out.messages)[0]).toMatchObject({ status: "success", content: "sent 5000" });
    expect(kindsFor(sink.events, "c_t")).toEqual([
      "tool.request",
      "tool.decision",
      "approval.request",
      "approval.resolve",
      "tool.request",
      "tool.decision",
      "tool.result",
    ]);
  });
});
