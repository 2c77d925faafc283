// The public entry of @mandate/cli: the command runner and the trace renderers, for embedding.
export type { Command, CommandGroup } from "./cli/command.ts";
export { CliError, EXIT } from "./cli/errors.ts";
export type { Io } from "./cli/io.ts";
export { safeText } from "./cli/safe-text.ts";
export { GROUPS, main } from "./main.ts";
export type { TraceLine } from "./trace/events.ts";
export type { Hop, HopKind } from "./trace/hops.ts";
export { buildForest, buildHops } from "./trace/hops.ts";
export { renderHtml } from "./trace/html.ts";
export type { TraceStats } from "./trace/stats.ts";
export { computeStats } from "./trace/stats.ts";
