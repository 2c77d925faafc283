import type { CommandGroup } from "../cli/command.ts";
import { tokenInspectCommand } from "./inspect-command.ts";

export const tokenGroup: CommandGroup = {
  name: "token",
  summary: "inspect mandate tokens",
  commands: [tokenInspectCommand],
};
