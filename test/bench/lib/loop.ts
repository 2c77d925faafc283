/**
 * The agent loops the loop suite times: a scripted model that asks for `calls` no-op tool calls,
 * one per turn, then answers; run through a hand-built LangGraph StateGraph (model node <-> tool
 * node) and through `createAgent`, each unguarded and guarded. Every AIMessage and tool call has
 * an explicit, unique id: `fakeModel().respondWithTools` numbers its messages "0", "1", … per
 * model, and `add_messages` replaces messages with equal ids (reference §fake models).
 */
import { AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { type StructuredToolInterface, tool } from "@langchain/core/tools";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { createAgent } from "langchain";
import { z } from "zod";
import type { Guard } from "../../../packages/core/src/index.ts";
import { mandateMiddleware } from "../../../packages/langchain/src/index.ts";
import {
  createGuardedToolNode,
  createGuardNode,
  MandateMessagesAnnotation,
} from "../../../packages/langgraph/src/index.ts";

export const FINAL_ANSWER = "Done: every search returned.";

/** A no-op tool that counts its runs (the check that every call ran exactly once). */
export function noopSearch(): { tool: StructuredToolInterface; runs: () => number } {
  let runs = 0;
  const search = tool(
    async () => {
      runs++;
      return "no results";
    },
    { name: "search", description: "Search the web.", schema: z.object({ q: z.string() }) },
  );
  return { tool: search, runs: () => runs };
}

/** `calls` turns of one tool call each, then the final answer. Fresh per run (it is a FIFO). */
export function scriptedModel(calls: number, run: string) {
  let model = fakeModel();
  for (let i = 0; i < calls; i++) {
    model = model.respond(
      new AIMessage({
        id: `${run}-ai-${i}`,
        content: "",
        tool_calls: [
          { id: `${run}-call-${i}`, name: "search", args: { q: `vendor ${i}` }, type: "tool_call" },
        ],
      }),
    );
  }
  return model.respond(new AIMessage({ id: `${run}-ai-final`, content: FINAL_ANSWER }));
}

type Model = ReturnType<typeof scriptedModel>;

export interface LoopRunner {
  /** Builds what a run needs (untimed), then returns the timed part. */
  prepare(run: string, calls: number): () => Promise<readonly BaseMessage[]>;
}

function hasToolCalls(state: { messages: readonly BaseMessage[] }): boolean {
  const last = state.messages.at(-1);
  return last instanceof AIMessage && (last.tool_calls?.length ?? 0) > 0;
}

const LIMITS = { recursionLimit: 10_000 };

/**
 * The classic StateGraph loop. `guard` undefined: a plain ToolNode. `guardNode` true: a guard node
 * between the model and the guarded tool node (DESIGN's createGuardNode layout).
 */
export function stateGraphLoop(
  search: StructuredToolInterface,
  options: { guard?: Guard; mandate?: string; guardNode?: boolean } = {},
): LoopRunner {
  let model: ReturnType<Model["bindTools"]> | undefined;
  const agent = async (state: { messages: BaseMessage[] }) => ({
    messages: [await model!.invoke(state.messages)],
  });
  const { guard, mandate } = options;
  if (guard === undefined) {
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("agent", agent)
      .addNode("tools", new ToolNode([search]))
      .addEdge(START, "agent")
      .addConditionalEdges("agent", (s) => (hasToolCalls(s) ? "tools" : END), ["tools", END])
      .addEdge("tools", "agent")
      .compile();
    return {
      prepare(run, calls) {
        model = scriptedModel(calls, run).bindTools([search]);
        return async () => (await graph.invoke({ messages: [new HumanMessage("go")] }, LIMITS)).messages;
      },
    };
  }
  const builder = new StateGraph(MandateMessagesAnnotation)
    .addNode("agent", agent)
    .addNode("tools", createGuardedToolNode([search], guard))
    .addEdge(START, "agent")
    .addEdge("tools", "agent");
  const graph = options.guardNode
    ? builder
        .addNode("guard", createGuardNode({ guard }), { ends: ["tools", "agent"] })
        .addConditionalEdges("agent", (s) => (hasToolCalls(s) ? "guard" : END), ["guard", END])
        .compile()
    : builder
        .addConditionalEdges("agent", (s) => (hasToolCalls(s) ? "tools" : END), ["tools", END])
        .compile();
  return {
    prepare(run, calls) {
      model = scriptedModel(calls, run).bindTools([search]);
      const config = { ...LIMITS, configurable: { thread_id: run } };
      return async () =>
        (await graph.invoke({ messages: [new HumanMessage("go")], mandate }, config)).messages;
    },
  };
}

/** `createAgent` from langchain, with or without `mandateMiddleware`. */
export function createAgentLoop(
  search: StructuredToolInterface,
  options: { guard?: Guard; mandate?: string } = {},
): LoopRunner {
  const { guard, mandate } = options;
  return {
    prepare(run, calls) {
      const model = scriptedModel(calls, run);
      const config = { ...LIMITS, configurable: { thread_id: run } };
      if (guard === undefined) {
        const agent = createAgent({ model, tools: [search] });
        return async () => (await agent.invoke({ messages: [new HumanMessage("go")] }, config)).messages;
      }
      const agent = createAgent({ model, tools: [search], middleware: [mandateMiddleware({ guard })] });
      return async () =>
        (await agent.invoke({ messages: [new HumanMessage("go")], mandate }, config)).messages;
    },
  };
}
