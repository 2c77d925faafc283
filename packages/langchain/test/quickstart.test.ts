import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../examples/quickstart/run.ts";

describe("examples/quickstart", () => {
  it("runs offline, and its trace verifies and holds request, decision and result per tool call", async () => {
    const lines: string[] = [];
    const r = await main({ outDir: mkdtempSync(join(tmpdir(), "mandate-qs-")), log: (l) => lines.push(l) });

    expect(r.verification).toMatchObject({ ok: true, events: r.events.length });
    expect(r.ran).toEqual({ search: 1, read_doc: 1, transfer_funds: 1 }); // send_email was denied
    for (const callId of ["c_search", "c_read", "c_pay"]) {
      const kinds = r.events.filter((e) => e.callId === callId).map((e) => e.kind);
      expect(kinds).toContain("tool.request");
      expect(kinds).toContain("tool.decision");
      expect(kinds.at(-1)).toBe("tool.result");
      for (const e of r.events.filter((ev) => ev.callId === callId)) expect(e.span).toBe(callId);
    }
    expect(r.events.filter((e) => e.callId === "c_email").map((e) => e.kind)).toEqual([
      "tool.request",
      "tool.decision",
    ]);
    expect(r.events.find((e) => e.kind === "tool.decision" && e.callId === "c_email")).toMatchObject({
      effect: "deny",
      ruleIds: ["no-egress-after-confidential"],
    });
    expect(lines.some((l) => l.startsWith("decision: send_email"))).toBe(true);
    expect(r.finalAnswer).toContain("Report drafted");
  });
});
