import { toolDefinitionHash } from "@mandate/core";
import { toolDefinition } from "@mandate/langchain";
import { describe, expect, it } from "vitest";
import { mcpTools } from "../fixtures/mcp.ts";
import { SpyLog } from "../harness/spy.ts";
import { runSuite } from "../harness/suite.ts";
import { examplePolicy } from "../harness/world.ts";
import { MCP_POLICY, mcpScenarios } from "./mcp.ts";

describe("examples/policies/mcp.yaml pins", () => {
  it("pin exactly the acme-files tools as loadMcpTools presents them to the model", async () => {
    const opened = await mcpTools.open({ spies: new SpyLog(), injection: undefined });
    const policy = examplePolicy(MCP_POLICY);
    const pinned = opened.tools.filter((t) => policy.toolEntry(t.name).pin !== undefined);
    expect(pinned.map((t) => t.name)).toEqual(["list_files", "read_file", "send_webhook"]);
    for (const tool of pinned) {
      expect(toolDefinitionHash(toolDefinition(tool) ?? { name: "" }), tool.name).toBe(
        policy.toolEntry(tool.name).pin,
      );
    }
    await opened.close?.();
  });
});

runSuite("mcp", mcpScenarios);
