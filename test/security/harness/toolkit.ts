import { type StructuredToolInterface, tool } from "@langchain/core/tools";
import type { z } from "zod";
import { argsInclude, type SpyLog } from "./spy.ts";
import type { Injection } from "./types.ts";

/** A fixture tool: what a real service would return, as canned text. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodObject;
  readonly output: (args: Record<string, unknown>) => string;
}

/** The tools of one run, opened for one mode. */
export interface OpenedTools {
  readonly tools: readonly StructuredToolInterface[];
  /** Runs before each follow-up phase (1, 2, …) of the session: where a rug pull happens. */
  beforePhase?(phase: number): Promise<void>;
  close?(): Promise<void>;
}

/** A domain's tools: local fixtures, or tools served by an MCP server. */
export interface ToolProvider {
  readonly names: readonly string[];
  /** `injection` is given only in attack mode. Every execution is recorded in `spies`. */
  open(input: { readonly spies: SpyLog; readonly injection: Injection | undefined }): Promise<OpenedTools>;
}

/**
 * Local fixture tools. Each is a real LangChain tool with a zod schema (so arguments are parsed
 * as a real tool would parse them) whose body records the execution, then returns the canned
 * output, with the attacker's text appended where the injection says.
 */
export function localToolkit(specs: readonly ToolSpec[]): ToolProvider {
  return {
    names: specs.map((s) => s.name),
    async open({ spies, injection }) {
      const tools = specs.map((spec) =>
        tool(
          async (args: Record<string, unknown>) => {
            spies.record(spec.name, args);
            const injected = injectedOutput(injection, spec.name, args);
            return injected === undefined ? spec.output(args) : `${spec.output(args)}\n\n${injected}`;
          },
          {
            name: spec.name,
            description: descriptionWith(injection, spec),
            schema: spec.schema,
          },
        ),
      );
      return { tools: tools as unknown as StructuredToolInterface[] };
    },
  };
}

function injectedOutput(
  injection: Injection | undefined,
  name: string,
  args: Record<string, unknown>,
): string | undefined {
  if (injection?.kind !== "output" || injection.tool !== name) return undefined;
  return argsInclude(args, injection.args) ? injection.text : undefined;
}

function descriptionWith(injection: Injection | undefined, spec: ToolSpec): string {
  return injection?.kind === "description" && injection.tool === spec.name
    ? `${spec.description} ${injection.text}`
    : spec.description;
}
