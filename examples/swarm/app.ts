import { AIMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { tool } from "@langchain/core/tools";
import { Annotation, MemorySaver } from "@langchain/langgraph";
import { createSwarm, SwarmState } from "@langchain/langgraph-swarm";
import type { Guard, MandateAuthority } from "@mandate/core";
import { mandateMiddleware } from "@mandate/langchain";
import { createHandoffTool, MandateAnnotation } from "@mandate/langgraph";
import { createAgent } from "langchain";
import { z } from "zod";

export const INTENT = {
  id: "ticket-4711",
  purpose: "resolve a customer's double-charge ticket",
  tools: ["search_tickets", "lookup_invoice", "issue_refund"],
};

/**
 * Triage starts with the root mandate: it may search tickets and hand to billing, and may
 * delegate billing's tools. Everything billing gets is carved out of that.
 */
export function issueRootMandate(authority: MandateAuthority): Promise<string> {
  return authority.issue({
    subject: "agent:triage",
    tenant: "acme",
    intent: INTENT,
    scope: [{ tools: ["search_tickets", "transfer_to_billing"] }],
    delegable: [
      {
        tools: [
          "lookup_invoice",
          "issue_refund",
          "search_tickets",
          "transfer_to_triage",
          "escalate_to_triage",
        ],
      },
    ],
    ttlSeconds: 600,
  });
}

let next = 0;
const call = (name: string, args: Record<string, unknown>, id: string) =>
  new AIMessage({ id: `swarm-${++next}`, content: "", tool_calls: [{ name, args, id, type: "tool_call" }] });
const say = (text: string) => new AIMessage({ id: `swarm-${++next}`, content: text });
const scripted = (...turns: AIMessage[]) => turns.reduce((m, t) => m.respond(t), fakeModel());

/** Scripted peers (explicit message ids: both models write to one `messages` channel). */
export function swarmModels() {
  return {
    triage: scripted(
      call("search_tickets", { q: "double charge" }, "tr-search"),
      call("transfer_to_billing", {}, "tr-h1"),
      // Back from billing with a narrower mandate: a refund is no longer within its authority.
      call("issue_refund", { invoice: "INV-9", amount: 40 }, "tr-refund"),
      say("Billing refunded the duplicate charge; ticket resolved."),
    ),
    billing: scripted(
      call("lookup_invoice", { invoice: "INV-9" }, "bi-lookup"),
      call("issue_refund", { invoice: "INV-9", amount: 40 }, "bi-refund"),
      // Asks to hand back MORE than it holds (close_account): refused, no handoff.
      call("escalate_to_triage", {}, "bi-h-wide"),
      // Hands back only what triage needs to finish: search.
      call("transfer_to_triage", {}, "bi-h-narrow"),
    ),
  };
}

export function makeSwarmTools() {
  const ran: Record<string, number> = { search_tickets: 0, lookup_invoice: 0, issue_refund: 0 };
  const count = (name: string) => {
    ran[name] = (ran[name] ?? 0) + 1;
  };
  const searchTickets = tool(
    async ({ q }) => {
      count("search_tickets");
      return `ticket 4711 matches "${q}": customer charged twice for INV-9`;
    },
    { name: "search_tickets", description: "Search support tickets.", schema: z.object({ q: z.string() }) },
  );
  const lookupInvoice = tool(
    async ({ invoice }) => {
      count("lookup_invoice");
      return `${invoice}: 40 EUR, charged twice`;
    },
    { name: "lookup_invoice", description: "Look up an invoice.", schema: z.object({ invoice: z.string() }) },
  );
  const issueRefund = tool(
    async ({ invoice, amount }) => {
      count("issue_refund");
      return `refunded ${amount} EUR on ${invoice}`;
    },
    {
      name: "issue_refund",
      description: "Refund part of an invoice.",
      schema: z.object({ invoice: z.string(), amount: z.number() }),
    },
  );
  return { searchTickets, lookupInvoice, issueRefund, ran };
}

export function buildSwarm(input: {
  guard: Guard;
  models: ReturnType<typeof swarmModels>;
  tools: ReturnType<typeof makeSwarmTools>;
}) {
  const { guard, models, tools } = input;
  const toBilling = createHandoffTool({
    guard,
    agentName: "billing",
    scope: [{ tools: ["lookup_invoice", "issue_refund", "transfer_to_triage", "escalate_to_triage"] }],
    delegable: [{ tools: ["search_tickets"] }],
    activeAgent: true,
  });
  // Two ways back to triage: one narrows (search only), one asks for a tool billing cannot grant.
  const toTriage = createHandoffTool({
    guard,
    agentName: "triage",
    scope: [{ tools: ["search_tickets"] }],
    activeAgent: true,
  });
  const escalate = createHandoffTool({
    guard,
    agentName: "triage",
    name: "escalate_to_triage",
    scope: [{ tools: ["search_tickets", "close_account"] }],
    activeAgent: true,
  });
  const triage = createAgent({
    name: "triage",
    model: models.triage,
    tools: [tools.searchTickets, tools.issueRefund, toBilling],
    middleware: [mandateMiddleware({ guard, agentName: "triage" })],
  });
  const billing = createAgent({
    name: "billing",
    model: models.billing,
    tools: [tools.lookupInvoice, tools.issueRefund, toTriage, escalate],
    middleware: [mandateMiddleware({ guard, agentName: "billing" })],
  });
  const State = Annotation.Root({ ...SwarmState.spec, ...MandateAnnotation });
  // TYPE PITFALL: createSwarm's `agents` type accepts only createReactAgent-shaped graphs; a
  // createAgent graph works at runtime (reference §4.1, snippet 06), so it is cast.
  const agents = [triage.graph, billing.graph] as unknown as Parameters<typeof createSwarm>[0]["agents"];
  return createSwarm({ agents, defaultActiveAgent: "triage", stateSchema: State }).compile({
    checkpointer: new MemorySaver(),
  });
}
