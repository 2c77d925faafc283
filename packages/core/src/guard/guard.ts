import { isMandateError } from "../errors.ts";
import { argsHash } from "../mandate/approval-hash.ts";
import { grantsAllowTool } from "../mandate/grants.ts";
import type { DelegateOptions, VerifiedMandate } from "../mandate/types.ts";
import { digest as digestValue } from "../trace/digest.ts";
import { createTracer } from "../trace/tracer.ts";
import { TRACE_KINDS, type TraceRecord } from "../trace/types.ts";
import { agentLabel, authorize, taskIdOf } from "./authorize.ts";
import { CallParents } from "./call-parents.ts";
import { completeCall, PendingCalls } from "./complete.ts";
import type { GuardContext } from "./context.ts";
import { TaskHistories } from "./histories.ts";
import { type GuardOptions, normalizeGuardOptions } from "./options.ts";
import type { GuardAuthority } from "./ports.ts";
import type { CallOutcome, Guard, GuardDecision, GuardStats, ToolCall } from "./types.ts";

const RECORDABLE = new Set<string>(TRACE_KINDS.filter((k) => k !== "trace.checkpoint"));

/**
 * Creates the guard every adapter calls before a tool runs. Options are validated here, once.
 * The guard owns the trace: its own events, the adapters' hops (`record`) and the mandate events of
 * what it delegates and revokes go into one hash chain with signed checkpoints.
 */
export function createGuard(options: GuardOptions): Guard {
  const opts = normalizeGuardOptions(options);
  const tracer = createTracer({
    sinks: opts.sinks,
    signer: opts.checkpointSigner,
    checkpointEvery: opts.checkpointEvery,
    clock: opts.clock,
    run: opts.run,
  });
  const counters = { decisions: 0, allowed: 0, denied: 0, approvals: 0 };
  const pending = new PendingCalls();
  // One options object: the trace module builds its redactor once per options object.
  const digestOptions = Object.freeze({ redactKeys: opts.redactKeys });
  const ctx: GuardContext = {
    policy: opts.policy,
    verifier: opts.verifier,
    verifyOptions: opts.audience === undefined ? undefined : { audience: opts.audience },
    mode: opts.mode,
    clock: opts.clock,
    tracer,
    callParents: new CallParents(),
    histories: new TaskHistories(opts.policy, opts.historyWindow, opts.maxTasks, opts.clock),
    digest: (value) => digestValue(value, digestOptions),
    approvals: {
      verify: (token, expected) =>
        requireAuthority(opts.authority, "approvals").verifyApproval(token, expected),
    },
    countDecision(decision: GuardDecision) {
      counters.decisions++;
      if (decision.effect === "allow") counters.allowed++;
      else if (decision.effect === "deny") counters.denied++;
      else counters.approvals++;
    },
  };
  tracer.emit({
    kind: "policy.load",
    name: opts.policy.name,
    rules: [...opts.policy.ruleIds],
    mode: opts.mode,
  });

  async function verify(mandate: string): Promise<VerifiedMandate> {
    return opts.verifier.verify(mandate, ctx.verifyOptions);
  }

  const guard: Guard = {
    async authorize(call: ToolCall): Promise<GuardDecision> {
      const decision = await authorize(ctx, call);
      if (decision.effect === "allow" && decision.jti !== undefined) {
        pending.add(call, decision, opts.clock());
      }
      return decision;
    },

    complete(call: ToolCall, outcome: CallOutcome): void {
      completeCall(ctx, pending, call, outcome);
    },

    async resolveApproval(call, answer) {
      const authority = requireAuthority(opts.authority, "approvals");
      const verified = await verify(call.mandate);
      const hash = argsHash(call.args);
      // An approval must name the arguments it approves (the payload's argsHash): one for other
      // arguments, or for none, approves nothing — whoever calls this, adapter or custom endpoint.
      const approved =
        answer.approved === true &&
        answer.argsHash === hash &&
        (answer.tool === undefined || answer.tool === call.tool) &&
        (answer.toolCallId === undefined || answer.toolCallId === call.callId);
      tracer.emit({
        kind: "approval.resolve",
        span: call.callId,
        parent: ctx.callParents.parentOf(call.callId, call.parent),
        run: call.run,
        thread: call.thread,
        agent: agentLabel(call),
        callId: call.callId,
        tool: call.tool,
        jti: verified.jti,
        argsHash: hash,
        approved,
        by: answer.by,
        reason: answer.reason === undefined ? undefined : ctx.digest(answer.reason).preview,
      });
      if (!approved) return undefined;
      return authority.issueApproval({ jti: verified.jti, tool: call.tool, args: call.args, by: answer.by });
    },

    async delegate(parent: string, delegateOptions: DelegateOptions): Promise<string> {
      const authority = requireAuthority(opts.authority, "delegation");
      const parentMandate = await verify(parent);
      const child = await authority.delegate(parent, delegateOptions);
      const verifiedChild = await authority.verify(child, {
        audience: delegateOptions.audience ?? undefined,
      });
      tracer.emit({
        kind: "mandate.delegate",
        jti: verifiedChild.jti,
        parentJti: parentMandate.jti,
        sub: verifiedChild.claims.sub,
        depth: verifiedChild.depth,
        exp: verifiedChild.claims.exp,
        task: taskIdOf(verifiedChild),
        tools: verifiedChild.claims.scope.flatMap((g) => [...g.tools]),
      });
      return child;
    },

    async revoke(jti: string): Promise<void> {
      await requireAuthority(opts.authority, "revocation").revoke(jti);
      tracer.emit({ kind: "mandate.revoke", jti });
    },

    verify,

    async toolsInScope(mandate: string, names: readonly string[]): Promise<string[]> {
      let verified: VerifiedMandate;
      try {
        verified = await verify(mandate);
      } catch (error) {
        if (isMandateError(error)) return [];
        throw error;
      }
      return names.filter(
        (name) => grantsAllowTool(verified.claims.scope, name, opts.policy.toolEntry(name).action).length > 0,
      );
    },

    record(record: TraceRecord): void {
      if (!RECORDABLE.has(record.kind))
        throw new TypeError(`cannot record trace kind "${String(record.kind)}"`);
      ctx.callParents.learn(record);
      const callId = typeof record.callId === "string" ? record.callId : undefined;
      const parent = ctx.callParents.parentOf(callId, record.parent);
      tracer.emit(parent === record.parent ? record : { ...record, parent });
    },

    stats(): GuardStats {
      const t = tracer.stats();
      return { ...counters, sinkFailures: t.sinkFailures, eventsEmitted: t.events };
    },

    close: () => tracer.close(),
  };
  return Object.freeze(guard);
}

function requireAuthority(authority: GuardAuthority | undefined, what: string): GuardAuthority {
  if (authority === undefined) throw new TypeError(`${what} need a guard created with an \`authority\``);
  return authority;
}
