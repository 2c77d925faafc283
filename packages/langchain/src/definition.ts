import { toJsonSchema } from "@langchain/core/utils/json_schema";
import type { ToolDefinition } from "@mandate/core";

/** What every LangChain tool (structured, dynamic, server-side dict) has in common, loosely. */
interface ToolLike {
  readonly name?: unknown;
  readonly description?: unknown;
  readonly schema?: unknown;
}

/**
 * A tool's model-facing definition, for the policy's `pin:` check: name, description and the JSON
 * Schema of its arguments, converted with the same `toJsonSchema` that `bindTools` uses, so the pin
 * covers exactly what the model is shown. `undefined` for a call whose tool is not registered.
 */
export function toolDefinition(tool: unknown): ToolDefinition | undefined {
  if (typeof tool !== "object" || tool === null) return undefined;
  const { name, description, schema } = tool as ToolLike;
  if (typeof name !== "string") return undefined;
  return {
    name,
    ...(typeof description === "string" ? { description } : {}),
    ...(schema !== undefined ? { schema: jsonSchemaOf(schema) } : {}),
  };
}

function jsonSchemaOf(schema: unknown): unknown {
  try {
    // TYPE PITFALL: toJsonSchema accepts zod v3/v4, Standard Schema or JSON Schema; its typing
    // lists them as a union we cannot name without importing zod v3 types.
    return toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]);
  } catch {
    // An unconvertible schema still identifies the tool by name and description; a pinned tool
    // then fails its pin (TOOL_CHANGED), which is the safe outcome.
    return undefined;
  }
}
