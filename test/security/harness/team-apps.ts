import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { Annotation, MemorySaver } from "@langchain/langgraph";
import { createSupervisor } from "@langchain/langgraph-supervisor";
import { createSwarm, SwarmState } from "@langchain/langgraph-swarm";
import type { Grant, Guard } from "@mandate/core";
import { mandateMiddleware } from "@mandate/langchain";
import {
  createHandoffTool,
  MandateAnnotation,
  MandateMessagesAnnotation,
  requireDelegatedMandate,
} from "@mandate/langgraph";
import { createAgent } from "langchain";

/** One agent of a team: the fixture tools it holds, and (for handoffs to it) the scope it is given. */
export interface TeamMember {
  readonly tools: readonly string[];
  readonly scope: readonly Grant[];
  /** Swarm only: the handoff tools this agent holds (`transfer_to_<agent>`). */
  readonly handoffs?: readonly string[];
}

interface TeamInput {
  readonly guard: Guard;
  readonly models: Readonly<Record<string, BaseChatModel>>;
  readonly tools: readonly StructuredToolInterface[];
  readonly members: Readonly<Record<string, TeamMember>>;
}

function pick(
  tools: readonly StructuredToolInterface[],
  names: readonly string[],
): StructuredToolInterface[] {
  return names.map((name) => {
    const found = tools.find((t) => t.name === name);
    if (found === undefined) throw new Error(`no fixture tool ${name}`);
    return found;
  });
}

function modelOf(models: TeamInput["models"], name: string): BaseChatModel {
  const model = models[name];
  if (model === undefined) throw new Error(`no model for ${name}`);
  return model;
}

/**
 * createSupervisor over createAgent workers, as examples/supervisor builds it: each worker enforces
 * with mandateMiddleware under the mandate its handoff delegated (never the supervisor's root),
 * and each `delegate_to_<worker>` handoff checks its own call (the supervisor has no middleware).
 */
export function buildSupervisorTeam(input: TeamInput) {
  const { guard, models, tools, members } = input;
  const workers = Object.entries(members).map(([name, member]) =>
    requireDelegatedMandate(
      createAgent({
        name,
        model: modelOf(models, name),
        tools: pick(tools, member.tools),
        middleware: [mandateMiddleware({ guard, agentName: name })],
      }).graph,
    ),
  );
  const handoffs = Object.entries(members).map(([agentName, member]) =>
    createHandoffTool({
      guard,
      agentName,
      scope: member.scope,
      name: `delegate_to_${agentName}`,
      from: "supervisor",
      authorize: true,
    }),
  );
  return createSupervisor({
    agents: workers,
    llm: modelOf(models, "supervisor"),
    tools: handoffs,
    stateSchema: MandateMessagesAnnotation,
    supervisorName: "supervisor",
    outputMode: "full_history",
  }).compile({ checkpointer: new MemorySaver() });
}

/**
 * createSwarm over createAgent peers, as examples/swarm builds it: each peer holds `transfer_to_*`
 * handoffs that delegate a narrowed mandate to the next peer, checked by that peer's middleware.
 */
export function buildSwarmTeam(input: TeamInput & { readonly first: string }) {
  const { guard, models, tools, members } = input;
  const handoff = (agentName: string) => {
    const member = members[agentName];
    if (member === undefined) throw new Error(`no swarm member ${agentName}`);
    return createHandoffTool({ guard, agentName, scope: member.scope, activeAgent: true });
  };
  const agents = Object.entries(members).map(([name, member]) =>
    createAgent({
      name,
      model: modelOf(models, name),
      tools: [...pick(tools, member.tools), ...(member.handoffs ?? []).map((to) => handoff(to))],
      middleware: [mandateMiddleware({ guard, agentName: name })],
    }),
  );
  const State = Annotation.Root({ ...SwarmState.spec, ...MandateAnnotation });
  // TYPE PITFALL (as in examples/swarm): createSwarm's `agents` type accepts only
  // createReactAgent-shaped graphs; createAgent graphs work at runtime.
  const graphs = agents.map((a) => a.graph) as unknown as Parameters<typeof createSwarm>[0]["agents"];
  return createSwarm({ agents: graphs, defaultActiveAgent: input.first, stateSchema: State }).compile({
    checkpointer: new MemorySaver(),
  });
}
