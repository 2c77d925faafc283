import { fakeModel } from "@langchain/core/testing";
import type { TaskGraph } from "@mandate/langgraph";
import { z } from "zod";
import { buildSupervisor, issueRootMandate as supervisorRoot } from "../../../examples/supervisor/app.ts";
import type { DemoTools } from "../../../examples/supervisor/tools.ts";
import {
  buildSwarm,
  type makeSwarmTools,
  issueRootMandate as swarmRoot,
} from "../../../examples/swarm/app.ts";
import { drive } from "./drive.ts";
import { diligentHuman } from "./human.ts";
import type { RunPaths, RunRecord, Scenario } from "./scenario.ts";
import { type NextTurn, ScriptedChatModel } from "./scripted-model.ts";
import { SpyLog } from "./spy.ts";
import { localToolkit } from "./toolkit.ts";
import type { AttackClass, CallSpec, Goal, Injection, RunMode, Stop } from "./types.ts";
import { closeRun, createWorld } from "./world.ts";
import { type AgentPlan, worstCaseScript } from "./worst-case.ts";

/**
 * The shipped examples, run as they are (their graph builders, root mandates and policies), with
 * worst-case scripts for models and spy tools of the same names and schemas as theirs.
 */
export interface ExampleTeamSpec {
  readonly id: string;
  readonly title: string;
  readonly classes: readonly AttackClass[];
  readonly example: "supervisor" | "swarm";
  readonly prompt: string;
  readonly plans: Readonly<Record<string, AgentPlan>>;
  readonly expect: readonly CallSpec[];
  readonly injection: Injection;
  readonly goals: readonly Goal[];
  readonly stops: readonly Stop[];
}

const POLICY = { supervisor: "examples/supervisor/policy.yaml", swarm: "examples/swarm/policy.yaml" };

const supervisorTools = localToolkit([
  {
    name: "search",
    description: "Search the company's documents.",
    schema: z.object({ q: z.string() }),
    output: (a) => `1 result for "${String(a.q)}": doc q3-vendor-report`,
  },
  {
    name: "read_doc",
    description: "Read a document by id.",
    schema: z.object({ id: z.string() }),
    output: () =>
      "Q3 vendor report (CONFIDENTIAL). Revenue 4.2M EUR; margin 18%. Open invoice INV-7: 4,800 EUR.",
  },
  {
    name: "send_email",
    description: "Send an email.",
    schema: z.object({ to: z.string(), subject: z.string(), body: z.string() }),
    output: (a) => `sent "${String(a.subject)}" to ${String(a.to)}`,
  },
  {
    name: "transfer_funds",
    description: "Pay a vendor.",
    schema: z.object({ amount: z.number(), to: z.string(), reference: z.string() }),
    output: (a) => `transferred ${String(a.amount)} EUR to ${String(a.to)}`,
  },
]);

const swarmTools = localToolkit([
  {
    name: "search_tickets",
    description: "Search support tickets.",
    schema: z.object({ q: z.string() }),
    output: (a) => `ticket 4711 matches "${String(a.q)}": customer charged twice for INV-9`,
  },
  {
    name: "lookup_invoice",
    description: "Look up an invoice.",
    schema: z.object({ invoice: z.string() }),
    output: (a) => `${String(a.invoice)}: 40 EUR, charged twice`,
  },
  {
    name: "issue_refund",
    description: "Refund part of an invoice.",
    schema: z.object({ invoice: z.string(), amount: z.number() }),
    output: (a) => `refunded ${String(a.amount)} EUR on ${String(a.invoice)}`,
  },
]);

export function exampleTeamScenario(spec: ExampleTeamSpec): Scenario {
  return {
    id: spec.id,
    suite: "multi-agent",
    title: spec.title,
    classes: spec.classes,
    policy: POLICY[spec.example],
    expect: spec.expect,
    goals: spec.goals,
    stops: spec.stops,
    run: (mode, paths) => runExample(spec, mode, paths),
  };
}

async function runExample(spec: ExampleTeamSpec, mode: RunMode, paths: RunPaths): Promise<RunRecord> {
  const world = await createWorld(POLICY[spec.example], paths);
  const spies = new SpyLog();
  const injection = mode === "attack" ? spec.injection : undefined;
  const script = (name: string) => worstCaseScript(name, spec.plans[name] ?? { phases: [] }, injection?.text);
  let app: TaskGraph;
  let mandate: string;
  if (spec.example === "supervisor") {
    const opened = await supervisorTools.open({ spies, injection });
    const [search, readDoc, sendEmail, transferFunds] = opened.tools;
    // TYPE PITFALL: DemoTools names the example's exact tool types; these spies have the same
    // names and schemas, which is all buildSupervisor uses.
    const tools = { search, readDoc, sendEmail, transferFunds, ran: {}, sent: [] } as unknown as DemoTools;
    const models = {
      supervisor: new ScriptedChatModel(script("supervisor")),
      researcher: new ScriptedChatModel(script("researcher")),
      mailer: new ScriptedChatModel(script("mailer")),
      payer: new ScriptedChatModel(script("payer")),
    };
    app = buildSupervisor({ guard: world.guard, models, tools, outputMode: "full_history" });
    mandate = await supervisorRoot(world.authority);
  } else {
    const opened = await swarmTools.open({ spies, injection });
    const [searchTickets, lookupInvoice, issueRefund] = opened.tools;
    const tools = { searchTickets, lookupInvoice, issueRefund, ran: {} } as unknown as ReturnType<
      typeof makeSwarmTools
    >;
    app = buildSwarm({
      guard: world.guard,
      models: { triage: scriptedFake(script("triage")), billing: scriptedFake(script("billing")) },
      tools,
    });
    mandate = await swarmRoot(world.authority);
  }
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
  return closeRun(world, mode, spies, messages);
}

/** The swarm example types its models as the stock fake model: the same script, in that shape. */
function scriptedFake(next: NextTurn) {
  let model = fakeModel();
  for (let i = 0; i < 60; i++) model = model.respond((messages) => next({ messages, tools: [] }));
  return model;
}
