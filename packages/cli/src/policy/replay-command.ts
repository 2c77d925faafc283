import type { Command } from "../cli/command.ts";
import { EXIT } from "../cli/errors.ts";
import { flagBool, flagString } from "../cli/parse.ts";
import { readTraceLines } from "../trace/events.ts";
import { renderReplay } from "./replay-report.ts";

export const policyReplayCommand: Command = {
  name: "replay",
  summary: "re-decide a trace's recorded decisions under a new policy and report which would flip",
  args: [],
  flags: {
    trace: { type: "string", value: "FILE", description: "the recorded trace (JSONL)", required: true },
    policy: { type: "string", value: "NEW", description: "the new policy (YAML)", required: true },
    intent: {
      type: "string",
      value: "FILE",
      description: "the task's intent (JSON or YAML); traces record only its id",
    },
    json: { type: "boolean", description: "print the report as JSON" },
    "fail-on-flip": { type: "boolean", description: "exit 1 when any decision flips" },
  },
  example: "mandate policy replay --trace out/trace.jsonl --policy policy-v2.yaml --intent intent.json",
  details:
    "Each decision is re-decided against the task history as recorded. A decision is unreplayable\n" +
    "(counted with its reason, never guessed) when its args preview is truncated, redacted or does not\n" +
    "match its digest, when there is no intent, when an earlier call's args that the policy needs are\n" +
    "unknown, or when the policy reads inputs the trace does not record (mandate claims, env).\n" +
    "Mandate, scope and pin denials happen before the policy and are kept (not-policy).",
  async run({ flags }, io) {
    const policyPath = flagString(flags, "policy") ?? "";
    const { loadPolicyFile } = await import("./load.ts");
    const { replayTrace } = await import("./replay.ts");
    const { readIntent } = await import("./intent-file.ts");
    const policy = await loadPolicyFile(policyPath, "policy");
    const events = await readTraceLines(flagString(flags, "trace") ?? "");
    const intentPath = flagString(flags, "intent");
    const intent = intentPath === undefined ? undefined : await readIntent(intentPath);
    const report = replayTrace({
      events,
      policy,
      policyName: policy.name,
      ruleTexts: policy.document.rules.map((r) => r.when),
      intent,
    });
    if (flagBool(flags, "json")) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout.write(`${renderReplay(report).join("\n")}\n`);
    return flagBool(flags, "fail-on-flip") && report.flipped > 0 ? EXIT.failure : EXIT.ok;
  },
};
