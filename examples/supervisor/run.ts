// Mandate's main demo: a supervisor hands a task to three agents, each under a mandate narrowed to
// its part; a prompt injection tries to exfiltrate a confidential report and the data-flow rule
// stops it; a large payment waits for a human; the task's mandates die when it ends; the
// hash-chained trace verifies offline. Offline by default (scripted models), in a few seconds; with
// OPENAI_API_KEY or ANTHROPIC_API_KEY set, every agent runs on a real model (../shared/live-model.ts).
// Run: npx tsx examples/supervisor/run.ts   (or: pnpm demo)
import { writeFileSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage } from "@langchain/core/messages";
import { Command, isInterrupted } from "@langchain/langgraph";
import {
  createGuard,
  jsonlSink,
  loadPolicy,
  MandateAuthority,
  memorySink,
  type TraceEvent,
  type TraceSink,
  type TraceVerifyResult,
  verifyTrace,
} from "@mandate/core";
import { MandateTracer } from "@mandate/langchain";
import { answerApproval, isApprovalPayload, runTask } from "@mandate/langgraph";
import { type LiveModel, liveModelFromEnv } from "../shared/live-model.ts";
import { type AgentModels, buildSupervisor, issueRootMandate } from "./app.ts";
import { demoModels, REQUEST } from "./script.ts";
import { makeTools } from "./tools.ts";
import { renderHopTree } from "./tree.ts";

const here = dirname(fileURLToPath(import.meta.url));

export interface DemoResult {
  readonly tracePath: string;
  readonly jwksPath: string;
  readonly events: readonly TraceEvent[];
  readonly verification: TraceVerifyResult;
  /** How often each tool really ran. */
  readonly ran: Readonly<Record<string, number>>;
  readonly sentTo: readonly string[];
  readonly approvals: number;
  readonly supervisorMandateUnchanged: boolean;
  readonly finalAnswer: string;
}

export async function main(
  options: {
    outDir?: string;
    log?: (line: string) => void;
    color?: boolean;
    live?: LiveModel;
    /** More trace sinks for the guard (an OpenTelemetry exporter, say: examples/otel). */
    sinks?: readonly TraceSink[];
  } = {},
): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const color = options.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  const outDir = options.outDir ?? join(here, "out");
  const tracePath = join(outDir, "trace.jsonl");
  const jwksPath = join(outDir, "jwks.json");
  await mkdir(outDir, { recursive: true });
  await rm(tracePath, { force: true });

  const live = options.live;
  log(
    live === undefined
      ? "models: scripted (offline); set OPENAI_API_KEY or ANTHROPIC_API_KEY to run every agent on a real one"
      : `models: ${live.label} for every agent (real: what it does is up to the model; the policy still decides)`,
  );

  // 1. An authority signs mandates; one guard checks every call of every agent and owns the trace.
  const authority = await MandateAuthority.create({
    issuer: "https://auth.acme.example",
    audience: "agents",
  });
  const memory = memorySink();
  const guard = createGuard({
    authority,
    policy: loadPolicy(await readFile(join(here, "policy.yaml"), "utf8")),
    sinks: [jsonlSink(tracePath), memory, ...(options.sinks ?? [])],
  });
  const root = await issueRootMandate(authority);
  const rootClaims = (await authority.verify(root)).claims;
  guard.record({
    kind: "mandate.issue",
    jti: rootClaims.jti,
    sub: rootClaims.sub,
    depth: 0,
    exp: rootClaims.exp,
    intent: rootClaims.intent.id,
    tnt: rootClaims.tnt,
  });

  // 2. The supervisor graph, its workers and their tools (which only count their runs).
  const tools = makeTools();
  const models = live === undefined ? demoModels() : everyAgent(live.model);
  const app = buildSupervisor({ guard, models, tools });
  const config = { configurable: { thread_id: "demo-q3" }, callbacks: [new MandateTracer({ guard })] };
  log(`request: ${REQUEST}\n`);

  // 3. Run the task. runTask revokes the root mandate when the run ends, not while it is paused.
  let result = await runTask(app, { messages: [new HumanMessage(REQUEST)], mandate: root }, config, {
    guard,
  });
  let approvals = 0;
  while (isInterrupted(result)) {
    const resume: Record<string, unknown> = {};
    for (const pause of result.__interrupt__) {
      if (!isApprovalPayload(pause.value)) throw new Error("unexpected interrupt");
      log(
        `approval needed: ${pause.value.tool} ${pause.value.args} (rule: ${pause.value.ruleIds.join(", ")})`,
      );
      log("  -> approved by cfo@acme.example (the demo answers for the human)\n");
      resume[pause.id ?? ""] = answerApproval(pause.value, { approved: true, by: "cfo@acme.example" });
      approvals++;
    }
    result = await runTask(app, new Command({ resume }), config, { guard });
  }
  const finalState = (await app.getState(config)).values as { mandate?: string };
  await awaitAllCallbacks(); // the tracer records on LangChain's background queue
  await guard.close(); // flush and write the final signed checkpoint

  // 4. The hop tree, read back from the trace; then verify the trace file offline.
  writeFileSync(jwksPath, `${JSON.stringify(authority.jwks(), null, 2)}\n`);
  for (const line of renderHopTree(memory.events, { color })) log(line);
  const verification = await verifyTrace(tracePath, { keys: authority.jwks() });
  const finalAnswer = String(result.messages.at(-1)?.content ?? "");
  log(`\nsupervisor: ${finalAnswer}`);
  const shown = relative(process.cwd(), tracePath) || tracePath;
  log(
    `\ntrace: ${shown} (${verification.events} events) — ${verification.ok ? "verified: hash chain and signed checkpoints intact" : `NOT verified: ${verification.problem}`}`,
  );
  log(`view it:   npx mandate trace view ${shown}`);
  log(`verify it: npx mandate trace verify ${shown} --keys ${relative(process.cwd(), jwksPath) || jwksPath}`);
  log(`or:        jq -c 'select(.kind=="tool.decision") | {agent, tool, effect, ruleIds}' ${shown}`);

  return {
    tracePath,
    jwksPath,
    events: [...memory.events],
    verification,
    ran: { ...tools.ran },
    sentTo: [...tools.sent],
    approvals,
    supervisorMandateUnchanged: finalState.mandate === root,
    finalAnswer,
  };
}

function everyAgent(model: BaseChatModel): AgentModels {
  return { supervisor: model, researcher: model, mailer: model, payer: model };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  liveModelFromEnv()
    .then((live) => main(live === undefined ? {} : { live }))
    .then(
      (r) => {
        process.exitCode = r.verification.ok ? 0 : 1;
      },
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
}
