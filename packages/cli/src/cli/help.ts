import type { Command, CommandGroup } from "./command.ts";

export function commandUsage(group: CommandGroup, command: Command): string {
  const args = command.args.map((a) => (a.endsWith("?") ? `[${a.slice(0, -1)}]` : a));
  const required = Object.entries(command.flags)
    .filter(([, spec]) => spec.required === true)
    .map(([name, spec]) => `--${name} ${spec.value ?? ""}`.trimEnd());
  return ["mandate", group.name, command.name, ...args, ...required, "[options]"].join(" ");
}

export function commandHelp(group: CommandGroup, command: Command): string {
  const rows: [string, string][] = Object.entries(command.flags).map(([name, spec]) => {
    const short = spec.short === undefined ? "    " : `-${spec.short}, `;
    const value = spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : "";
    return [`${short}--${name}${value}`, `${spec.description}${spec.required === true ? " (required)" : ""}`];
  });
  rows.push(["-h, --help", "show this help"]);
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [
    `mandate ${group.name} ${command.name} — ${command.summary}`,
    "",
    `Usage: ${commandUsage(group, command)}`,
  ];
  if (command.details !== undefined) lines.push("", command.details);
  lines.push("", "Options:", ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`));
  lines.push("", "Example:", `  ${command.example}`);
  return `${lines.join("\n")}\n`;
}

export function groupHelp(group: CommandGroup): string {
  const width = Math.max(...group.commands.map((c) => c.name.length));
  const lines = [
    `mandate ${group.name} — ${group.summary}`,
    "",
    `Usage: mandate ${group.name} <command> [options]`,
    "",
    "Commands:",
    ...group.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    `Run \`mandate ${group.name} <command> --help\` for a command's options.`,
  ];
  return `${lines.join("\n")}\n`;
}

export function topHelp(groups: readonly CommandGroup[]): string {
  const names = groups.flatMap((g) => g.commands.map((c) => [`${g.name} ${c.name}`, c.summary] as const));
  const width = Math.max(...names.map(([name]) => name.length));
  const lines = [
    "mandate — view, verify and replay Mandate traces, test policies, inspect tokens, make keys",
    "",
    "Usage: mandate <group> <command> [options]",
    "",
    "Commands:",
    ...names.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    "",
    "Run `mandate <group> <command> --help` for a command's options.",
    "Exit codes: 0 ok, 1 check failed (tampered trace, invalid policy, failing case, bad token), 2 usage error.",
  ];
  return `${lines.join("\n")}\n`;
}
