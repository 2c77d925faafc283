import { ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { main } from "../../examples/mcp/run.ts";

describe("MCP tools under the guard (e2e)", () => {
  it("a denied call never reaches the MCP server; an allowed one does, once", async () => {
    const r = await main({ log: () => {} });
    // read_file: the /workspace read ran once; the ../etc/passwd escape never reached the server.
    expect(r.serverCalls.read_file).toBe(1);
    expect(r.serverSaw).toEqual([
      "read_file /workspace/notes.md",
      "send_webhook https://chat.acme.example/hook",
    ]);
    // send_webhook: the exfiltration after the confidential read was denied (0 runs for it), the
    // internal notification ran once.
    expect(r.serverCalls.send_webhook).toBe(1);
    const tm = (id: string) =>
      r.messages
        .filter((m): m is ToolMessage => ToolMessage.isInstance(m))
        .find((m) => m.tool_call_id === id);
    expect(tm("m-escape")?.status).toBe("error");
    expect(String(tm("m-exfil")?.content)).toContain("no-egress-after-confidential");
    expect(String(tm("m-read")?.content)).toContain("contents of /workspace/notes.md");
    const decisions = r.events
      .filter((e) => e.kind === "tool.decision")
      .map((e) => `${e.callId}:${e.effect}`);
    expect(decisions).toEqual(["m-read:allow", "m-escape:deny", "m-exfil:deny", "m-notify:allow"]);
  });
});
