import { MemorySaver } from "@langchain/langgraph";
import type { Grant, Intent } from "@mandate/core";
import { mandateMiddleware } from "@mandate/langchain";
import { createAgent } from "langchain";
import { type BeforeResume, drive } from "./drive.ts";
import { diligentHuman } from "./human.ts";
import type { RunRecord, Scenario } from "./scenario.ts";
import { ScriptedChatModel } from "./scripted-model.ts";
import { SpyLog } from "./spy.ts";
import type { ToolProvider } from "./toolkit.ts";
import type { AttackClass, CallSpec, Goal, Injection, Stop, SuiteName, Turn } from "./types.ts";
import { closeRun, createWorld } from "./world.ts";
import { worstCaseScript } from "./worst-case.ts";

/** The checkpointed graph, as a TOCTOU attacker between pause and resume sees it. */
export interface GraphState {
  getState(config: never): Promise<{ readonly values: unknown }>;
  updateState(config: never, values: Record<string, unknown>): Promise<unknown>;
}

export interface SingleAgentSpec {
  readonly id: string;
  readonly suite: SuiteName;
  readonly title: string;
  readonly classes: readonly AttackClass[];
  /** Policy file, relative to the repository root. */
  readonly policy: string;
  readonly tools: ToolProvider;
  readonly intent: Intent;
  /** The agent's mandate; default: every tool it holds (the intent, checked by policy, narrows it). */
  readonly scope?: readonly Grant[];
  readonly prompt: string;
  readonly task: readonly Turn[];
  /** Further user messages in the same session (same thread, same mandate). */
  readonly followUps?: readonly { readonly prompt: string; readonly task: readonly Turn[] }[];
  /** Default: every call of the task and its follow-ups. */
  readonly expect?: readonly CallSpec[];
  readonly injection: Injection;
  readonly attack: readonly Turn[];
  readonly goals: readonly Goal[];
  readonly stops: readonly Stop[];
  readonly knownGap?: string;
  readonly attackCost?: string;
  readonly resume?: "keyed" | "plain";
  /** Runs between an approval pause and its resume, in attack mode only. */
  readonly tamper?: (graph: GraphState, config: object) => BeforeResume;
  readonly recursionLimit?: number;
}

/**
 * A single-agent scenario on the real stack: `createAgent` with `mandateMiddleware`, a real
 * authority and mandate, the policy file from examples/, spy tools, and a checkpointer so
 * approvals pause and resume exactly as in production.
 */
export function singleAgent(spec: SingleAgentSpec): Scenario {
  const sessions = [{ prompt: spec.prompt, task: spec.task }, ...(spec.followUps ?? [])];
  const userCalls = sessions.flatMap((s) => s.task.flat());
  return {
    id: spec.id,
    suite: spec.suite,
    title: spec.title,
    classes: spec.classes,
    policy: spec.policy,
    expect: spec.expect ?? userCalls,
    goals: spec.goals,
    stops: spec.stops,
    ...(spec.knownGap !== undefined ? { knownGap: spec.knownGap } : {}),
    ...(spec.attackCost !== undefined ? { attackCost: spec.attackCost } : {}),
    async run(mode, paths): Promise<RunRecord> {
      const world = await createWorld(spec.policy, paths);
      const spies = new SpyLog();
      const injection = mode === "attack" ? spec.injection : undefined;
      const opened = await spec.tools.open({ spies, injection });
      const mandate = await world.authority.issue({
        subject: "agent:assistant",
        tenant: "acme",
        intent: spec.intent,
        scope: spec.scope ?? [{ tools: [...spec.tools.names] }],
      });
      const phases = sessions.map((s) => ({ task: s.task, final: "Done." }));
      const model = new ScriptedChatModel(
        worstCaseScript("assistant", { phases, attack: spec.attack }, injection?.text),
      );
      const graph = createAgent({
        name: "assistant",
        model,
        tools: [...opened.tools],
        middleware: [mandateMiddleware({ guard: world.guard })],
        checkpointer: new MemorySaver(),
      }).graph;
      const config = {
        configurable: { thread_id: `${spec.id}-${mode}` },
        recursionLimit: spec.recursionLimit ?? 100,
      };
      const approver = diligentHuman(userCalls);
      const tamper = mode === "attack" ? spec.tamper?.(graph as unknown as GraphState, config) : undefined;
      let messages: Awaited<ReturnType<typeof drive>>["messages"] = [];
      for (const [i, session] of sessions.entries()) {
        if (i > 0) await opened.beforePhase?.(i);
        ({ messages } = await drive(
          graph,
          { messages: session.prompt, ...(i === 0 ? { mandate } : {}) },
          {
            guard: world.guard,
            approver,
            config,
            revokeOnEnd: i === sessions.length - 1,
            ...(spec.resume !== undefined ? { resume: spec.resume } : {}),
            ...(tamper !== undefined ? { beforeResume: tamper } : {}),
          },
        ));
      }
      await opened.close?.();
      return closeRun(world, mode, spies, messages);
    },
  };
}
