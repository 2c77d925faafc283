import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Grant, Intent } from "@mandate/core";
import type { TaskGraph } from "@mandate/langgraph";
import { drive } from "./drive.ts";
import { diligentHuman } from "./human.ts";
import type { RunPaths, RunRecord, Scenario } from "./scenario.ts";
import { ScriptedChatModel } from "./scripted-model.ts";
import { SpyLog } from "./spy.ts";
import { buildSupervisorTeam, buildSwarmTeam, type TeamMember } from "./team-apps.ts";
import type { ToolProvider } from "./toolkit.ts";
import type { AttackClass, CallSpec, Goal, Injection, RunMode, Stop } from "./types.ts";
import { closeRun, createWorld } from "./world.ts";
import { type AgentPlan, worstCaseScript } from "./worst-case.ts";

export interface TeamSpec {
  readonly id: string;
  readonly title: string;
  readonly classes: readonly AttackClass[];
  readonly policy: string;
  readonly shape: "supervisor" | "swarm";
  readonly tools: ToolProvider;
  /** Workers (supervisor) or peers (swarm; the first one starts, under the root mandate). */
  readonly members: Readonly<Record<string, TeamMember>>;
  /** The root mandate: the supervisor's, or the first peer's. */
  readonly root: {
    readonly subject: string;
    readonly scope: readonly Grant[];
    readonly delegable: readonly Grant[];
  };
  readonly intent: Intent;
  readonly prompt: string;
  /** One worst-case script per agent (the supervisor's under "supervisor"). */
  readonly plans: Readonly<Record<string, AgentPlan>>;
  readonly expect: readonly CallSpec[];
  readonly injection: Injection;
  readonly goals: readonly Goal[];
  readonly stops: readonly Stop[];
  readonly knownGap?: string;
  readonly attackCost?: string;
}

/**
 * A multi-agent scenario: the injection reaches one agent and the harmful tool belongs to another
 * (confused deputy across a handoff). Real createSupervisor / createSwarm graphs, real delegated
 * mandates minted by createHandoffTool at every handoff, one guard and one trace for the task.
 */
export function teamScenario(spec: TeamSpec): Scenario {
  return {
    id: spec.id,
    suite: "multi-agent",
    title: spec.title,
    classes: spec.classes,
    policy: spec.policy,
    expect: spec.expect,
    goals: spec.goals,
    stops: spec.stops,
    ...(spec.knownGap !== undefined ? { knownGap: spec.knownGap } : {}),
    ...(spec.attackCost !== undefined ? { attackCost: spec.attackCost } : {}),
    run: (mode, paths) => runTeam(spec, mode, paths),
  };
}

async function runTeam(spec: TeamSpec, mode: RunMode, paths: RunPaths): Promise<RunRecord> {
  const world = await createWorld(spec.policy, paths);
  const spies = new SpyLog();
  const injection = mode === "attack" ? spec.injection : undefined;
  const opened = await spec.tools.open({ spies, injection });
  const models: Record<string, BaseChatModel> = {};
  for (const [name, plan] of Object.entries(spec.plans)) {
    models[name] = new ScriptedChatModel(worstCaseScript(name, plan, injection?.text));
  }
  const team = { guard: world.guard, models, tools: opened.tools, members: spec.members };
  const first = Object.keys(spec.members)[0] ?? "";
  const app: TaskGraph =
    spec.shape === "supervisor" ? buildSupervisorTeam(team) : buildSwarmTeam({ ...team, first });
  const mandate = await world.authority.issue({
    subject: spec.root.subject,
    tenant: "acme",
    intent: spec.intent,
    scope: spec.root.scope,
    delegable: spec.root.delegable,
  });
  const { messages } = await drive(
    app,
    { messages: spec.prompt, mandate },
    {
      guard: world.guard,
      approver: diligentHuman(spec.expect),
      config: { configurable: { thread_id: `${spec.id}-${mode}` }, recursionLimit: 150 },
      revokeOnEnd: true,
    },
  );
  await opened.close?.();
  return closeRun(world, mode, spies, messages);
}
