import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { isCommand } from "@langchain/langgraph";
import type { Guard, TraceRecord } from "@mandate/core";
import { optionalName } from "./options.ts";
import { RunTree } from "./run-tree.ts";
import { MANDATES_KEY } from "./state.ts";
import { agentOf, firstGeneration, type Metadata, sizeOnly, str } from "./tracer-fields.ts";

export interface MandateTracerOptions {
  readonly guard: Pick<Guard, "record">;
  /** Handler name (LangChain dedupes handlers by name). Default "MandateTracer". */
  readonly name?: string;
}

type TraceFields = Omit<TraceRecord, "kind">;

/**
 * Observes the LangChain run tree and adds its hops to the guard's hash-chained trace: agents
 * (`agent.start` / `agent.end`), model calls (`model.call`) and handoffs (`handoff`). Spans are
 * LangChain run ids, so the trace joins LangSmith's tree; tool decisions join by tool call id
 * (the guard traces them with `callId` = span = the model's tool call id).
 *
 * It only observes: it never enforces (callbacks cannot reliably block a tool, and never see a
 * call the middleware denied) and never throws into the agent (every handler is wrapped). Inputs
 * and outputs are traced as hash and size only.
 */
export class MandateTracer extends BaseCallbackHandler {
  name: string;
  readonly #guard: Pick<Guard, "record">;
  readonly #runs = new RunTree();
  #failures = 0;

  constructor(options: MandateTracerOptions) {
    super();
    if (typeof options?.guard?.record !== "function") throw new TypeError("MandateTracer needs a `guard`");
    this.#guard = options.guard;
    this.name = optionalName(options.name, "name") ?? "MandateTracer";
    // Awaited (the handlers are synchronous and cheap: a map update and an in-memory enqueue) so a
    // model call is in the trace before its tool calls are authorized: the guard joins each tool
    // decision to the agent that proposed it (guard/call-parents.ts). On LangChain's background
    // queue the order would not be guaranteed.
    this.awaitHandlers = true;
  }

  /** How many handler invocations failed (and were swallowed). */
  get failures(): number {
    return this.#failures;
  }

  // TYPE PITFALL: core 1.x declares (chain, inputs, runId, runType, tags, metadata, runName,
  // parentRunId), but CallbackManager calls it with the order below (reference §2.1).
  override handleChainStart = ((
    _chain: unknown,
    _inputs: unknown,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Metadata,
    _runType?: string,
    runName?: string,
  ): void => {
    this.#safely(() => {
      if (tags?.includes("langsmith:hidden")) return;
      // An agent is the root run, or the run named like its agent (a createAgent inside a graph).
      const isAgent =
        parentRunId === undefined || (runName !== undefined && runName === metadata?.lc_agent_name);
      if (!isAgent) {
        this.#runs.add(runId, parentRunId, false);
        return;
      }
      const agent = agentOf(metadata) ?? runName;
      const thread = str(metadata?.thread_id);
      this.#runs.add(runId, parentRunId, true, { agent, thread });
      this.#record({
        kind: "agent.start",
        span: runId,
        parent: this.#runs.recordedAncestor(parentRunId),
        agent,
        thread,
        ns: str(metadata?.langgraph_checkpoint_ns),
        name: runName,
      });
    });
  }) as unknown as NonNullable<BaseCallbackHandler["handleChainStart"]>;

  override handleChainEnd(_outputs: unknown, runId: string): void {
    this.#safely(() => this.#endAgent(runId, { ok: true }));
  }

  override handleChainError(error: unknown, runId: string): void {
    // An interrupt() surfaces as a chain error; it is a pause, not a failure.
    const name = error instanceof Error ? error.name : typeof error;
    const interrupted = name === "GraphInterrupt" || name === "NodeInterrupt";
    this.#safely(() =>
      this.#endAgent(runId, interrupted ? { ok: true, interrupted } : { ok: false, error: name }),
    );
  }

  override handleChatModelStart(
    llm: { id?: unknown },
    messages: unknown[][],
    runId: string,
    parentRunId?: string,
    _extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Metadata,
    runName?: string,
  ): void {
    this.#safely(() => {
      const id = Array.isArray(llm?.id) ? llm.id.at(-1) : undefined;
      this.#runs.add(runId, parentRunId, true, {
        agent: agentOf(metadata),
        ns: str(metadata?.langgraph_checkpoint_ns),
        thread: str(metadata?.thread_id),
        model: str(metadata?.ls_model_name) ?? runName ?? str(id),
        provider: str(metadata?.ls_provider),
        messages: messages[0]?.length ?? 0,
        started: Date.now(),
      });
    });
  }

  override handleLLMEnd(output: { generations?: unknown }, runId: string): void {
    this.#safely(() => {
      const message = firstGeneration(output)?.message;
      const toolCalls = Array.isArray(message?.tool_calls)
        ? message.tool_calls.map((c: { id?: unknown; name?: unknown }) => ({
            id: str(c.id) ?? null,
            name: str(c.name) ?? null,
          }))
        : [];
      this.#modelCall(runId, { ok: true, toolCalls, output: sizeOnly(message?.content) });
    });
  }

  override handleLLMError(error: unknown, runId: string): void {
    this.#safely(() =>
      this.#modelCall(runId, { ok: false, error: error instanceof Error ? error.name : typeof error }),
    );
  }

  override handleToolStart(
    _tool: unknown,
    _input: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Metadata,
    runName?: string,
    toolCallId?: string,
  ): void {
    // No event: the guard already traced this call's request and decision under its tool call id.
    this.#safely(() =>
      this.#runs.add(runId, parentRunId, false, {
        agent: agentOf(metadata),
        ns: str(metadata?.langgraph_checkpoint_ns),
        thread: str(metadata?.thread_id),
        tool: runName,
        callId: toolCallId,
      }),
    );
  }

  override handleToolEnd(output: unknown, runId: string): void {
    this.#safely(() => {
      const run = this.#runs.take(runId);
      // A handoff tool returns Command({ graph: PARENT, goto }): the one place a handoff is visible.
      if (run === undefined || !isCommand(output) || output.graph !== "__parent__") return;
      // Mandate's own handoff tool (@mandate/langgraph) traces the handoff itself, with the child
      // mandate's jti and depth; recording it again here would show every handoff twice.
      if (carriesChildMandate(output.update)) return;
      const goto = (Array.isArray(output.goto) ? output.goto : [output.goto]).filter(
        (g): g is string => typeof g === "string",
      );
      this.#record({
        kind: "handoff",
        span: runId,
        parent: this.#runs.recordedAncestor(run.parent),
        agent: str(run.info.agent),
        thread: str(run.info.thread),
        ns: str(run.info.ns),
        callId: str(run.info.callId),
        tool: str(run.info.tool),
        goto,
      });
    });
  }

  override handleToolError(_error: unknown, runId: string): void {
    this.#safely(() => this.#runs.take(runId)); // the guard traces the error itself
  }

  #endAgent(runId: string, fields: Record<string, string | boolean>): void {
    const run = this.#runs.take(runId);
    if (run === undefined || !run.recorded) return;
    this.#record({
      kind: "agent.end",
      span: runId,
      parent: this.#runs.recordedAncestor(run.parent),
      agent: str(run.info.agent),
      thread: str(run.info.thread),
      ...fields,
    });
  }

  #modelCall(runId: string, fields: TraceFields): void {
    const run = this.#runs.take(runId);
    if (run === undefined) return;
    const { started, ...info } = run.info;
    this.#record({
      kind: "model.call",
      span: runId,
      parent: this.#runs.recordedAncestor(run.parent),
      agent: str(info.agent),
      thread: str(info.thread),
      ns: str(info.ns),
      model: str(info.model),
      provider: str(info.provider),
      messages: typeof info.messages === "number" ? info.messages : undefined,
      durationMs: typeof started === "number" ? Date.now() - started : undefined,
      ...fields,
    });
  }

  #record(record: TraceRecord): void {
    this.#guard.record(record);
  }

  #safely(fn: () => void): void {
    try {
      fn();
    } catch {
      this.#failures++; // telemetry never throws into the application
    }
  }
}

function carriesChildMandate(update: unknown): boolean {
  return typeof update === "object" && update !== null && !Array.isArray(update) && MANDATES_KEY in update;
}
