import type { Command } from "../cli/command.ts";
import { EXIT } from "../cli/errors.ts";
import { safeText } from "../cli/safe-text.ts";

export const policyCheckCommand: Command = {
  name: "check",
  summary: "load and type-check a policy: errors with their positions, or ok: N rules",
  args: ["FILE"],
  flags: {},
  example: "mandate policy check policies/research-assistant.yaml",
  details: "Exit 0 when the policy loads, 1 with the POLICY_INVALID message (rule, line, column) when not.",
  async run({ positionals }, io) {
    const path = positionals[0] ?? "";
    const { tryLoadPolicyFile } = await import("./load.ts");
    const result = await tryLoadPolicyFile(path);
    if (result.ok) {
      io.stdout.write(`ok: ${result.policy.ruleIds.length} rules\n`);
      return EXIT.ok;
    }
    const lines = [
      `${safeText(path)}: ${safeText(result.code)}: ${safeText(result.message)}`,
      ...result.details.map((d) => `  ${d}`),
    ];
    io.stderr.write(`${lines.join("\n")}\n`);
    return EXIT.failure;
  },
};
