import type { CommandGroup } from "../cli/command.ts";
import { keysNewCommand } from "./new-command.ts";

export const keysGroup: CommandGroup = {
  name: "keys",
  summary: "make signing keys for mandates and trace checkpoints",
  commands: [keysNewCommand],
};
