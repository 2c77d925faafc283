import type { BaseMessage, ToolMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import type { Guard } from "@mandate/core";
import { clearedOnlyTool } from "./guarded-tool.ts";
import { type Ledger, ledgerFor } from "./ledger.ts";
import { type GuardNodeBaseOptions, normalizeScreenOptions, type ScreenOptions } from "./options.ts";
import { asArgs, pendingToolCalls } from "./pending.ts";
import { screenToolCalls } from "./screen.ts";
import { asRecord } from "./state.ts";

export type GuardedToolNodeOptions = Omit<GuardNodeBaseOptions, "guard"> & {
  /** ToolNode's own options. */
  readonly name?: string;
  readonly tags?: string[];
  readonly handleToolErrors?: boolean;
};

/**
 * A drop-in `ToolNode` under the guard: `createGuardedToolNode(tools, guard)`.
 * Before any tool runs, every pending call is authorized (refusals become error ToolMessages,
 * approvals pause with `interrupt()`, one per call); then the ToolNode runs the cleared calls, and
 * each outcome is reported with `guard.complete`. Deciding everything before running anything is
 * what makes a resume safe: nothing has run yet when the node re-runs from the top.
 * After a `createGuardNode` it does not decide again: it runs what that node cleared.
 */
export function createGuardedToolNode(
  tools: readonly StructuredToolInterface[],
  guard: Guard,
  options: GuardedToolNodeOptions = {},
): ToolNode {
  if (!Array.isArray(tools)) throw new TypeError("createGuardedToolNode() needs an array of tools");
  const opts = normalizeScreenOptions({ ...options, guard }, "createGuardedToolNode()", tools);
  const ledger = ledgerFor(opts.guard);
  const wrapped = tools.map((t) => clearedOnlyTool(t, opts.guard, ledger));
  return new GuardedToolNode(wrapped, opts, ledger, {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.tags !== undefined ? { tags: options.tags } : {}),
    ...(options.handleToolErrors !== undefined ? { handleToolErrors: options.handleToolErrors } : {}),
  });
}

type ToolNodeTools = ConstructorParameters<typeof ToolNode>[0];

class GuardedToolNode extends ToolNode {
  readonly #opts: ScreenOptions;
  readonly #ledger: Ledger;

  constructor(
    tools: ToolNodeTools,
    opts: ScreenOptions,
    ledger: Ledger,
    nodeOptions: ConstructorParameters<typeof ToolNode>[1],
  ) {
    super(tools, nodeOptions);
    this.#opts = opts;
    this.#ledger = ledger;
  }

  // ToolNode accepts three inputs: a Send with one `lg_tool_call`, a messages array, or a state
  // with `messages`. Each is screened the same way, then handed to ToolNode unchanged except for
  // the refusals, which answer their calls so ToolNode skips them.
  protected override async run(input: unknown, config: LangGraphRunnableConfig): Promise<unknown> {
    const record = asRecord(input);
    if (record !== undefined && "lg_tool_call" in record) {
      const tc = asRecord(record.lg_tool_call) ?? {};
      const call = { id: String(tc.id ?? ""), name: String(tc.name ?? ""), args: asArgs(tc.args) };
      const { refused } = await screenToolCalls(this.#opts, this.#ledger, record, config, [call]);
      if (refused.length > 0) return { messages: refused };
      return super.run(input, config);
    }
    const messages = (Array.isArray(input) ? input : (record?.messages ?? [])) as BaseMessage[];
    const { calls } = pendingToolCalls(messages);
    const { refused } = await screenToolCalls(this.#opts, this.#ledger, input, config, calls);
    if (refused.length === 0) return super.run(input, config);
    const answered = [...messages, ...refused];
    const output = await super.run(
      Array.isArray(input) ? answered : { ...record, messages: answered },
      config,
    );
    return withRefusals(output, refused, Array.isArray(input));
  }
}

/** Puts the refusals in front of ToolNode's own output, in whichever shape it returned. */
function withRefusals(output: unknown, refused: ToolMessage[], arrayInput: boolean): unknown {
  if (arrayInput && Array.isArray(output) && output.every((o) => !Array.isArray(o)))
    return [...refused, ...output];
  if (Array.isArray(output)) return [arrayInput ? refused : { messages: refused }, ...output];
  const messages = (asRecord(output)?.messages ?? []) as BaseMessage[];
  return { messages: [...refused, ...messages] };
}
