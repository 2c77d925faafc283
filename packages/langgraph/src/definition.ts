import { toJsonSchema } from "@langchain/core/utils/json_schema";
import type { ToolDefinition } from "@mandate/core";

/**
 * A tool's model-facing definition (name, description, JSON Schema of the arguments), for the
 * policy's `pin:` check. Converted with the same `toJsonSchema` that `bindTools` uses, so a pin
 * covers exactly what the model is shown (the same computation as @mandate/langchain).
 */
export function toolDefinition(tool: unknown): ToolDefinition | undefined {
  if (typeof tool !== "object" || tool === null) return undefined;
  const { name, description, schema } = tool as { name?: unknown; description?: unknown; schema?: unknown };
  if (typeof name !== "string") return undefined;
  return {
    name,
    ...(typeof description === "string" ? { description } : {}),
    ...(schema !== undefined ? { schema: jsonSchemaOf(schema) } : {}),
  };
}

function jsonSchemaOf(schema: unknown): unknown {
  try {
    // TYPE PITFALL: toJsonSchema accepts zod v3/v4, Standard Schema or JSON Schema through a union
    // we cannot name without importing zod v3's types.
    return toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]);
  } catch {
    // An unconvertible schema still names the tool; a pinned tool then fails its pin (safe).
    return undefined;
  }
}
