import { describe, expect, it } from "vitest";
import { consoleSink, createTracer } from "../../src/index.ts";
import { makeKey, steppingClock } from "./helpers.ts";

describe("consoleSink", () => {
  it("one readable line per hop, control and bidi characters escaped (L-06)", async () => {
    const out: string[] = [];
    const key = await makeKey();
    const tracer = createTracer({
      sinks: [consoleSink({ stream: { write: (t: string) => out.push(t) } })],
      clock: steppingClock(),
      signer: key.signer,
    });
    tracer.emit({
      kind: "tool.decision",
      agent: "researcher",
      tool: "read_doc",
      effect: "allow",
      ruleIds: ["reads-within-intent"],
    });
    tracer.emit({ kind: "tool.result", agent: "researcher", tool: "read_doc", durationMs: 12 });
    tracer.emit({
      kind: "tool.error",
      agent: "researcher",
      tool: "send_email",
      error: { name: "Error", code: "E_TIMEOUT" },
    });
    tracer.emit({ kind: "approval.resolve", agent: "cfo", tool: "transfer_funds", approved: true });
    tracer.emit({
      kind: "tool.request",
      agent: "evil\u001b[2K\r\u001b[32mAPPROVED",
      tool: "pay\u202ebob\u009b",
    });
    await tracer.close();
    expect(out.join("")).toMatchInlineSnapshot(`
      "12:00:00.000 researcher   tool.decision      read_doc  allow  [reads-within-intent]
      12:00:00.001 researcher   tool.result        read_doc  ok  12ms
      12:00:00.002 researcher   tool.error         send_email  error E_TIMEOUT
      12:00:00.003 cfo          approval.resolve   transfer_funds  approved
      12:00:00.004 evil\\u001b[2K\\u000d\\u001b[32mAPPROVED tool.request       pay\\u202ebob\\u009b
      12:00:00.005 -            trace.checkpoint  #5 final kid=${key.signer.kid.slice(0, 12)}
      "
    `);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting control characters are absent
    expect(out.join("")).not.toMatch(/[\u001b\r\u202e\u009b]/);
  });
});
