import type { Declarations } from "./cel.ts";

/** The typed variables every policy expression sees (DESIGN.md "Policies"). */
export const POLICY_DECLARATIONS: Declarations = Object.freeze({
  agent: { schema: { id: "string", name: "string" } },
  intent: {
    schema: {
      id: "string",
      purpose: "string",
      summary: "string",
      tools: "list<string>",
      resources: "list<string>",
      data: "string",
      attributes: "map<string, dyn>",
    },
  },
  tool: { schema: { name: "string", action: "string", egress: "bool", labels: "list<string>" } },
  args: "map<string, dyn>",
  mandate: "map<string, dyn>",
  trace: {
    schema: {
      calls: "list<map<string, dyn>>",
      count: "int",
      counts: "map<string, int>",
      labels: "list<string>",
      totals: "map<string, map<string, dyn>>",
    },
  },
  now: "google.protobuf.Timestamp",
  env: "map<string, dyn>",
});

/** Grant conditions in mandates see only the call itself. */
export const GRANT_DECLARATIONS: Declarations = Object.freeze({
  args: "map<string, dyn>",
  tool: { schema: { name: "string", action: "string" } },
});
