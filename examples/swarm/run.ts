// Two peer agents (createSwarm) handing a ticket back and forth under narrowing mandates:
// each handoff mints a child of the holder's mandate (depth + 1, scope within what the holder may
// delegate); a handoff asking for more than the holder has is refused with MANDATE_ESCALATION.
// Offline (scripted models). Run: npx tsx examples/swarm/run.ts
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HumanMessage, ToolMessage } from "@langchain/core/messages";
import { createGuard, loadPolicy, MandateAuthority, memorySink, type TraceEvent } from "@mandate/core";
import { runTask } from "@mandate/langgraph";
import { buildSwarm, issueRootMandate, makeSwarmTools, swarmModels } from "./app.ts";

const here = dirname(fileURLToPath(import.meta.url));

export interface SwarmResult {
  readonly events: readonly TraceEvent[];
  readonly ran: Readonly<Record<string, number>>;
  readonly toolMessages: readonly {
    readonly id: string;
    readonly status: string;
    readonly content: string;
  }[];
  readonly mandates: Readonly<Record<string, string>>;
  readonly activeAgent: string | undefined;
}

export async function main(options: { log?: (line: string) => void } = {}): Promise<SwarmResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const authority = await MandateAuthority.create({
    issuer: "https://auth.acme.example",
    audience: "agents",
  });
  const sink = memorySink();
  const guard = createGuard({
    authority,
    policy: loadPolicy(readFileSync(join(here, "policy.yaml"), "utf8")),
    sinks: [sink],
  });
  const tools = makeSwarmTools();
  const app = buildSwarm({ guard, models: swarmModels(), tools });
  const root = await issueRootMandate(authority);
  const out = await runTask(
    app,
    { messages: [new HumanMessage("Customer 4711 was charged twice for INV-9.")], mandate: root },
    { configurable: { thread_id: "swarm-demo" } },
    { guard },
  );
  await guard.close();

  for (const e of sink.events) {
    if (e.kind === "handoff") {
      log(
        e.outcome === "delegated"
          ? `handoff ${String(e.from)} -> ${String(e.to)} via ${String(e.tool)}: depth ${String(e.depth)}, tools ${JSON.stringify(e.tools)}`
          : `handoff ${String(e.from)} -> ${String(e.to)} via ${String(e.tool)}: REFUSED [${String(e.code)}]`,
      );
    } else if (e.kind === "tool.decision" && !String(e.tool).includes("_to_")) {
      log(
        `  ${String(e.agent)}: ${String(e.tool)} -> ${String(e.effect)} ${JSON.stringify(e.ruleIds)} ${e.code ?? ""}`,
      );
    }
  }
  log(`final: ${String(out.messages.at(-1)?.content)}  (active agent: ${out.activeAgent})`);
  const toolMessages = out.messages
    .filter((m): m is ToolMessage => ToolMessage.isInstance(m))
    .map((m) => ({ id: m.tool_call_id, status: m.status ?? "success", content: String(m.content) }));
  return {
    events: [...sink.events],
    ran: { ...tools.ran },
    toolMessages,
    mandates: out.mandates,
    activeAgent: out.activeAgent,
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
