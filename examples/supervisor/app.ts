import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { MemorySaver } from "@langchain/langgraph";
import { createSupervisor } from "@langchain/langgraph-supervisor";
import type { Grant, Guard, MandateAuthority } from "@mandate/core";
import { mandateMiddleware } from "@mandate/langchain";
import { createHandoffTool, MandateMessagesAnnotation, requireDelegatedMandate } from "@mandate/langgraph";
import { createAgent } from "langchain";
import type { DemoTools } from "./tools.ts";

/** The task, declared once by whoever starts it; signed into the root mandate, copied to every child. */
export const INTENT = {
  id: "q3-vendor-payment",
  purpose: "summarise the Q3 vendor report for finance and pay the open vendor invoice",
  tools: ["search", "read_doc", "send_email", "transfer_funds"],
  data: "confidential" as const,
};

/** What each worker's part of the task needs: the scope of the mandate it is handed. */
export const WORKER_SCOPES: Readonly<Record<string, readonly Grant[]>> = {
  researcher: [{ tools: ["search", "read_doc"], actions: ["read"] }],
  mailer: [{ tools: ["send_email"] }],
  payer: [{ tools: ["transfer_funds"] }],
};

/**
 * The supervisor's root mandate. It may USE only its delegate_to_* tools and may DELEGATE the
 * workers' tools. So a worker reached without a delegated mandate (say, through the stock
 * `transfer_to_*` tool createSupervisor always adds) falls back to this mandate and can do
 * nothing with it: SCOPE_DENIED, fail closed.
 */
export function issueRootMandate(authority: MandateAuthority): Promise<string> {
  return authority.issue({
    subject: "spiffe://acme.example/agent/supervisor",
    tenant: "acme",
    intent: INTENT,
    scope: [{ tools: ["delegate_to_*"] }],
    delegable: [{ tools: ["search", "read_doc", "send_email", "transfer_funds"] }],
    ttlSeconds: 600,
  });
}

/**
 * The multi-agent graph: createSupervisor over three createAgent workers, each enforcing with
 * mandateMiddleware under its own delegated mandate (`mandates[worker]`). The supervisor's
 * handoff tools mint those mandates. Compiled with a checkpointer: approvals pause the run.
 */
/** One chat model per agent: the scripted ones (script.ts) or a real one (../shared/live-model.ts). */
export type AgentModels = Readonly<Record<"supervisor" | "researcher" | "mailer" | "payer", BaseChatModel>>;

export function buildSupervisor(input: {
  guard: Guard;
  models: AgentModels;
  tools: DemoTools;
  /** `full_history` keeps the workers' tool messages in the supervisor's state (tests read them). */
  outputMode?: "last_message" | "full_history";
}) {
  const { guard, models, tools } = input;
  const worker = (name: string, model: BaseChatModel, workerTools: StructuredToolInterface[]) =>
    // requireDelegatedMandate: a worker acts only under the mandate a handoff gave it, never under
    // the supervisor's root (belt and braces with the root's narrow scope, see issueRootMandate).
    requireDelegatedMandate(
      createAgent({
        name,
        model,
        tools: workerTools,
        middleware: [mandateMiddleware({ guard, agentName: name })],
      }).graph,
    );

  const handoffs = Object.entries(WORKER_SCOPES).map(([agentName, scope]) =>
    createHandoffTool({
      guard,
      agentName,
      scope,
      // createSupervisor always adds its own transfer_to_* tools; ours carry a mandate.
      name: `delegate_to_${agentName}`,
      description: `Hand the next part of the task to the ${agentName}, with a mandate for exactly its tools.`,
      from: "supervisor",
      // The supervisor (createReactAgent) has no middleware: the tool checks its own call.
      authorize: true,
      ttlSeconds: 300,
    }),
  );

  return createSupervisor({
    agents: [
      worker("researcher", models.researcher, [tools.search, tools.readDoc]),
      worker("mailer", models.mailer, [tools.sendEmail]),
      worker("payer", models.payer, [tools.transferFunds]),
    ],
    llm: models.supervisor,
    tools: handoffs,
    stateSchema: MandateMessagesAnnotation,
    supervisorName: "supervisor",
    outputMode: input.outputMode ?? "last_message",
  }).compile({ checkpointer: new MemorySaver(), name: "vendor-payment-team" });
}

export type SupervisorApp = ReturnType<typeof buildSupervisor>;
