/**
 * Real traces for the CLI tests, made by the real core (authority, guard, JSONL sink), plus
 * tampered copies. The tests call `makeFixtures(tmpdir)` so they always run on what the current
 * core writes; `npx tsx packages/cli/test/make-fixtures.ts` refreshes the shared copies in
 * test/fixtures/traces/ for other packages and for people trying the CLI.
 *
 * demo.jsonl: one run, supervisor -> researcher handoff; decisions: search allow, read_doc allow
 * (confidential), send_email deny (taint), delete_records deny (SCOPE_DENIED), transfer 5000
 * approve -> approved -> allow, transfer 200 allow, send_email with a password arg (redacted) deny.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  argsHash,
  canonicalJson,
  createGuard,
  type Guard,
  jsonlSink,
  loadPolicy,
  MandateAuthority,
} from "@mandate/core";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const STATIC = join(HERE, "fixtures");
const POLICY = fileURLToPath(
  new URL("../../../test/fixtures/policies/research-assistant.yaml", import.meta.url),
);
export const SHARED_TRACES = fileURLToPath(new URL("../../../test/fixtures/traces/", import.meta.url));

export const ISSUER = "https://auth.acme.example";
export const AUDIENCE = "mandate-agents";
const START = Date.parse("2026-11-22T10:00:00.000Z");

export interface FixturePaths {
  readonly dir: string;
  readonly demo: string;
  readonly jwks: string;
  readonly hostile: string;
  readonly edited: string;
  readonly deleted: string;
  readonly swapped: string;
  readonly truncated: string;
  readonly rehashed: string;
}

/** A clock that advances 1 ms per reading: deterministic timestamps for a deterministic script. */
function steppingClock(): () => Date {
  let now = START;
  return () => new Date(now++);
}

const intent = JSON.parse(readFileSync(join(STATIC, "intent.json"), "utf8")) as {
  id: string;
  purpose: string;
  tools: string[];
};

async function demoTrace(path: string, jwksPath: string): Promise<void> {
  const clock = steppingClock();
  const authority = await MandateAuthority.create({ issuer: ISSUER, audience: AUDIENCE, clock });
  const policy = loadPolicy(readFileSync(POLICY, "utf8"));
  const guard = createGuard({ authority, policy, sinks: [jsonlSink(path)], clock, run: "run-demo" });
  const root = await authority.issue({
    subject: "spiffe://acme.example/agent/supervisor",
    tenant: "acme",
    intent,
    scope: [{ tools: ["*"] }],
    delegable: [{ tools: ["search", "read_doc", "send_email"] }],
  });
  const rootJti = (await guard.verify(root)).jti;
  guard.record({
    kind: "mandate.issue",
    jti: rootJti,
    sub: "spiffe://acme.example/agent/supervisor",
    depth: 0,
  });
  const sup = { id: "spiffe://acme.example/agent/supervisor", name: "supervisor" };
  guard.record({ kind: "agent.start", span: "agent-supervisor", agent: "supervisor" });
  guard.record({
    kind: "model.call",
    span: "model-1",
    parent: "agent-supervisor",
    agent: "supervisor",
    model: "scripted",
  });
  await call(
    guard,
    { mandate: root, agent: sup, parent: "agent-supervisor" },
    "c-search",
    "search",
    { q: "Q3 revenue" },
    { hits: 3 },
  );

  const child = await guard.delegate(root, {
    subject: "spiffe://acme.example/agent/researcher",
    scope: [{ tools: ["search", "read_doc", "send_email"] }],
  });
  const childJti = (await guard.verify(child)).jti;
  guard.record({
    kind: "handoff",
    span: "handoff-1",
    parent: "agent-supervisor",
    agent: "supervisor",
    from: "supervisor",
    to: "researcher",
    jti: childJti,
    parentJti: rootJti,
    depth: 1,
  });
  const res = { id: "spiffe://acme.example/agent/researcher", name: "researcher" };
  guard.record({ kind: "agent.start", span: "agent-researcher", parent: "handoff-1", agent: "researcher" });
  const inResearcher = { mandate: child, agent: res, parent: "agent-researcher" };
  await call(guard, inResearcher, "c-read", "read_doc", { id: "doc-7" }, { text: "Q3 draft" });
  await call(
    guard,
    inResearcher,
    "c-mail-1",
    "send_email",
    { to: "cfo@acme.example", body: "summary" },
    "sent",
  );
  await call(guard, inResearcher, "c-delete", "delete_records", { table: "audit" }, "deleted");
  guard.record({ kind: "agent.end", span: "agent-researcher", parent: "handoff-1", agent: "researcher" });

  const inSupervisor = { mandate: root, agent: sup, parent: "agent-supervisor" };
  const big = {
    ...inSupervisor,
    callId: "c-pay-1",
    tool: "transfer_funds",
    args: { amount: 5000, to: "vendor-9" },
  };
  const first = await guard.authorize(big);
  if (first.effect !== "approve") throw new Error(`fixture: expected approve, got ${first.effect}`);
  const grant = await guard.resolveApproval(big, {
    approved: true,
    by: "alice@acme.example",
    argsHash: argsHash(big.args),
  });
  const second = await guard.authorize({ ...big, approval: grant });
  if (second.effect !== "allow") throw new Error(`fixture: expected approved allow, got ${second.effect}`);
  guard.complete(big, { ok: true, result: { ok: true } });
  await call(guard, inSupervisor, "c-pay-2", "transfer_funds", { amount: 200, to: "vendor-9" }, { ok: true });
  await call(
    guard,
    inSupervisor,
    "c-mail-2",
    "send_email",
    { to: "cfo@acme.example", password: "hunter2" },
    "sent",
  );
  guard.record({ kind: "agent.end", span: "agent-supervisor", agent: "supervisor" });
  await guard.close();
  await writeFile(jwksPath, `${JSON.stringify(authority.jwks(), null, 2)}\n`);
}

interface CallContext {
  readonly mandate: string;
  readonly agent: { readonly id: string; readonly name: string };
  readonly parent: string;
}

/** Authorize, and when allowed run (complete) the call, as an adapter would. */
async function call(
  guard: Guard,
  ctx: CallContext,
  callId: string,
  tool: string,
  args: Record<string, unknown>,
  result: unknown,
): Promise<void> {
  const toolCall = { ...ctx, callId, tool, args };
  const decision = await guard.authorize(toolCall);
  if (decision.effect === "allow") guard.complete(toolCall, { ok: true, result });
}

/** L-06: names, args and results full of terminal escapes, OSC-8 links, bidi overrides and C1 CSI. */
async function hostileTrace(path: string): Promise<void> {
  const clock = steppingClock();
  const authority = await MandateAuthority.create({ issuer: ISSUER, audience: AUDIENCE, clock });
  const policy = loadPolicy(readFileSync(POLICY, "utf8"));
  const guard = createGuard({
    authority,
    policy,
    sinks: [jsonlSink(path)],
    clock,
    run: "run-\u001b[31mhostile",
  });
  const root = await authority.issue({
    subject: "spiffe://acme.example/agent/evil",
    tenant: "acme",
    intent,
    scope: [{ tools: ["*"] }],
  });
  const agentName = "evil\u001b[2K\r\u001b[32mAPPROVED";
  guard.record({ kind: "agent.start", span: "agent-evil", agent: agentName });
  const ctx = { mandate: root, agent: { id: "evil", name: agentName }, parent: "agent-evil" };
  await call(
    guard,
    ctx,
    "c-1",
    "search",
    { q: "\u001b[2K\r\u001b[32mAPPROVED</script><img src=x onerror=alert(1)>" },
    "\u009b31mred\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007",
  );
  await call(guard, ctx, "c-2", "send_email", { to: "boss@acme.example\u202egpj.exe" }, "sent");
  await call(guard, ctx, "c-3", "\u001b]8;;https://evil.example\u0007rm -rf\u001b]8;;\u0007", {}, "x");
  guard.record({
    kind: "handoff",
    span: "h-1",
    parent: "agent-evil",
    agent: agentName,
    from: agentName,
    to: "\u202eresearcher\u2028next",
    depth: 1,
  });
  guard.record({ kind: "agent.end", span: "agent-evil", agent: agentName });
  await guard.close();
}

async function tampered(
  demo: string,
  dir: string,
): Promise<Omit<FixturePaths, "dir" | "demo" | "jwks" | "hostile">> {
  const lines = (await readFile(demo, "utf8")).split("\n").filter((l) => l !== "");
  const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const at = (kind: string, tool?: string): number =>
    events.findIndex((e) => e.kind === kind && (tool === undefined || e.tool === tool));
  const write = async (name: string, out: readonly string[]): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, `${out.join("\n")}\n`);
    return path;
  };
  // edited: the send_email denial rewritten as an allow (hash left as it was)
  const deny = at("tool.decision", "send_email");
  const edited = lines.map((l, i) => (i === deny ? l.replace('"effect":"deny"', '"effect":"allow"') : l));
  // deleted: the read_doc request removed
  const read = at("tool.request", "read_doc");
  const deleted = lines.filter((_, i) => i !== read);
  // swapped: the read_doc request and its decision exchanged
  const swapped = [...lines];
  [swapped[read], swapped[read + 1]] = [lines[read + 1] ?? "", lines[read] ?? ""];
  // truncated: the last three events (final checkpoint included) cut off
  const truncated = lines.slice(0, -3);
  // rehashed: an edit with every later hash recomputed — only the checkpoint signature catches it
  const rehashed: string[] = [];
  let prev = "";
  for (const [i, event] of events.entries()) {
    const copy: Record<string, unknown> = { ...event, prev };
    if (i === deny) copy.effect = "allow";
    const needsRehash = i >= deny;
    if (needsRehash && event.kind !== "trace.checkpoint") {
      delete copy.hash;
      copy.hash = rehash(prev, copy);
    } else if (needsRehash) {
      copy.headHash = prev;
      delete copy.hash;
      copy.hash = rehash(prev, copy);
    }
    prev = copy.hash as string;
    rehashed.push(JSON.stringify(copy));
  }
  return {
    edited: await write("tampered-edited.jsonl", edited),
    deleted: await write("tampered-deleted.jsonl", deleted),
    swapped: await write("tampered-swapped.jsonl", swapped),
    truncated: await write("tampered-truncated.jsonl", truncated),
    rehashed: await write("tampered-rehashed.jsonl", rehashed),
  };
}

function rehash(prev: string, event: Record<string, unknown>): string {
  const { hash: _drop, ...rest } = event;
  return createHash("sha256")
    .update(`${prev}\n${canonicalJson(rest as Parameters<typeof canonicalJson>[0])}`)
    .digest("hex");
}

/** Writes every fixture into `dir` (fresh files) and returns their paths. */
export async function makeFixtures(dir: string): Promise<FixturePaths> {
  await mkdir(dir, { recursive: true });
  const demo = join(dir, "demo.jsonl");
  const jwks = join(dir, "demo.jwks.json");
  const hostile = join(dir, "hostile.jsonl");
  for (const path of [demo, hostile]) await writeFile(path, "");
  await demoTrace(demo, jwks);
  await hostileTrace(hostile);
  return { dir, demo, jwks, hostile, ...(await tampered(demo, dir)) };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = await makeFixtures(SHARED_TRACES);
  process.stdout.write(`wrote fixtures to ${paths.dir}\n`);
}
