import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

/**
 * A small MCP server with a file reader and a webhook sender. It knows nothing about Mandate; it
 * only counts how often each handler really ran (and with what), which is what the example and
 * its test check: a denied call must never reach it.
 */
export function createFilesServer() {
  const calls: Record<string, number> = { read_file: 0, send_webhook: 0 };
  const seen: string[] = [];
  const server = new McpServer({ name: "acme-files", version: "1.0.0" });
  server.registerTool(
    "read_file",
    { description: "Read a file from the workspace.", inputSchema: { path: z.string() } },
    async ({ path }) => {
      calls.read_file = (calls.read_file ?? 0) + 1;
      seen.push(`read_file ${path}`);
      return { content: [{ type: "text", text: `contents of ${path}: Q3 salaries (CONFIDENTIAL)` }] };
    },
  );
  server.registerTool(
    "send_webhook",
    { description: "POST a message to a webhook URL.", inputSchema: { url: z.string(), body: z.string() } },
    async ({ url }) => {
      calls.send_webhook = (calls.send_webhook ?? 0) + 1;
      seen.push(`send_webhook ${url}`);
      return { content: [{ type: "text", text: `posted to ${url}` }] };
    },
  );
  return { server, calls, seen };
}
