// Mandate quickstart: a createAgent agent under a signed mandate and a YAML policy.
// Offline by default (a scripted model); with OPENAI_API_KEY or ANTHROPIC_API_KEY set, a real model
// (see ../shared/live-model.ts). Writes a hash-chained trace and verifies it.
// Run: npx tsx examples/quickstart/run.ts
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { tool } from "@langchain/core/tools";
import { Command, isInterrupted, MemorySaver } from "@langchain/langgraph";
import {
  createGuard,
  jsonlSink,
  loadPolicy,
  MandateAuthority,
  type TraceEvent,
  type TraceVerifyResult,
  verifyTrace,
} from "@mandate/core";
import {
  type ApprovalAnswer,
  answerApproval,
  isApprovalPayload,
  MandateTracer,
  mandateMiddleware,
} from "@mandate/langchain";
import { createAgent } from "langchain";
import { z } from "zod";
import { type LiveModel, liveModelFromEnv } from "../shared/live-model.ts";

const here = dirname(fileURLToPath(import.meta.url));

export interface QuickstartResult {
  readonly tracePath: string;
  readonly events: readonly TraceEvent[];
  readonly verification: TraceVerifyResult;
  /** How often each tool really ran. */
  readonly ran: Readonly<Record<string, number>>;
  readonly finalAnswer: string;
}

export async function main(
  options: { outDir?: string; log?: (line: string) => void; live?: LiveModel } = {},
): Promise<QuickstartResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const outDir = options.outDir ?? join(here, "out");
  const tracePath = join(outDir, "trace.jsonl");
  mkdirSync(outDir, { recursive: true });
  rmSync(tracePath, { force: true });

  log(
    options.live === undefined
      ? "model: scripted (offline); set OPENAI_API_KEY or ANTHROPIC_API_KEY to use a real one"
      : `model: ${options.live.label} (real; the same policy decides its calls)`,
  );

  // 1. The authority signs mandates; the guard checks every call against mandate and policy.
  const authority = await MandateAuthority.create({
    issuer: "https://auth.acme.example",
    audience: "agents",
  });
  const guard = createGuard({
    authority,
    policy: loadPolicy(readFileSync(join(here, "policy.yaml"), "utf8")),
    sinks: [jsonlSink(tracePath)],
  });
  const mandate = await authority.issue({
    subject: "spiffe://acme.example/agent/assistant",
    tenant: "acme",
    intent: {
      id: "q3-report",
      purpose: "write the Q3 report",
      tools: ["search", "read_doc", "send_email", "transfer_funds"],
    },
    scope: [{ tools: ["search", "read_doc", "send_email", "transfer_funds"] }],
  });

  // 2. Tools (they only count their runs) and a scripted model with explicit message ids.
  const ran: Record<string, number> = {};
  const mk = <S extends z.ZodObject>(name: string, description: string, schema: S, result: string) =>
    tool(
      async () => {
        ran[name] = (ran[name] ?? 0) + 1;
        return result;
      },
      { name, description, schema },
    );
  const tools = [
    mk("search", "Search the web", z.object({ q: z.string() }), "3 articles on Q3 revenue"),
    mk(
      "read_doc",
      "Read an internal document",
      z.object({ id: z.string() }),
      "Q3 revenue: 4.2M (confidential)",
    ),
    mk("send_email", "Send an email", z.object({ to: z.string(), body: z.string() }), "sent"),
    mk("transfer_funds", "Transfer money", z.object({ amount: z.number(), to: z.string() }), "transferred"),
  ];
  const call = (id: string, name: string, args: Record<string, unknown>) => ({
    id,
    name,
    args,
    type: "tool_call" as const,
  });
  const scripted = fakeModel()
    .respond(
      new AIMessage({
        id: "ai-1",
        content: "",
        tool_calls: [
          call("c_search", "search", { q: "Q3 revenue" }),
          call("c_read", "read_doc", { id: "q3-financials" }),
        ],
      }),
    )
    .respond(
      new AIMessage({
        id: "ai-2",
        content: "",
        tool_calls: [call("c_email", "send_email", { to: "press@news.example", body: "Q3 was 4.2M" })],
      }),
    )
    .respond(
      new AIMessage({
        id: "ai-3",
        content: "",
        tool_calls: [call("c_pay", "transfer_funds", { amount: 2500, to: "vendor-42" })],
      }),
    )
    .respond(
      new AIMessage({
        id: "ai-4",
        content: "Report drafted; the email to the press was blocked; the vendor was paid after approval.",
      }),
    );

  // 3. The agent: one middleware enforces, a callback handler traces the model and agent hops.
  const agent = createAgent({
    name: "assistant",
    model: options.live?.model ?? scripted,
    tools,
    middleware: [mandateMiddleware({ guard })],
    checkpointer: new MemorySaver(),
  });
  const config = { configurable: { thread_id: "quickstart-1" }, callbacks: [new MandateTracer({ guard })] };

  let result = await agent.invoke(
    { messages: [new HumanMessage("Write the Q3 report and pay the vendor.")], mandate },
    config,
  );
  // 4. A call that needs approval pauses the run; a human answers per interrupt id.
  while (isInterrupted(result)) {
    const resume: Record<string, ApprovalAnswer> = {};
    for (const pause of result.__interrupt__) {
      if (!isApprovalPayload(pause.value) || pause.id === undefined) continue;
      const p = pause.value;
      log(
        `approval needed: ${p.tool} ${p.args} (rule: ${p.ruleIds.join(", ")}) -> approved by ops@acme.example`,
      );
      resume[pause.id] = answerApproval(p, { approved: true, by: "ops@acme.example" });
    }
    result = await agent.invoke(new Command({ resume }), config);
  }
  await awaitAllCallbacks();
  await guard.close();

  // 5. Print each decision and verify the trace offline, against the authority's public keys.
  const events = readFileSync(tracePath, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as TraceEvent);
  for (const e of events.filter((ev) => ev.kind === "tool.decision")) {
    const rules = Array.isArray(e.ruleIds) ? e.ruleIds.join(", ") : "";
    log(
      `decision: ${String(e.tool).padEnd(15)} ${String(e.effect).padEnd(8)} rules=[${rules}] call=${e.callId}`,
    );
  }
  const verification = await verifyTrace(events, { keys: authority.jwks().keys });
  const finalAnswer = String(result.messages.at(-1)?.content ?? "");
  log(`answer: ${finalAnswer}`);
  log(
    `trace: ${events.length} events in ${tracePath}; verify: ${verification.ok ? "ok" : `FAILED (${verification.problem})`}`,
  );
  return { tracePath, events, verification, ran, finalAnswer };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  liveModelFromEnv()
    .then((live) => main(live === undefined ? {} : { live }))
    .then(
      (r) => process.exit(r.verification.ok ? 0 : 1),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
}
