import type { CommandGroup } from "../cli/command.ts";
import { policyCheckCommand } from "./check-command.ts";
import { policyReplayCommand } from "./replay-command.ts";
import { policyTestCommand } from "./test-command.ts";

export const policyGroup: CommandGroup = {
  name: "policy",
  summary: "check, test and replay CEL policies",
  commands: [policyCheckCommand, policyTestCommand, policyReplayCommand],
};
