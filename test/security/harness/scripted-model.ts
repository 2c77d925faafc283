import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage, BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

/** What the model sees on each call: the messages and the tools bound to it (names, descriptions). */
export interface ModelInput {
  readonly messages: readonly BaseMessage[];
  readonly tools: readonly unknown[];
}

export type NextTurn = (input: ModelInput) => AIMessage;

/**
 * A chat model driven by a script, with no LLM and no network. Unlike the stock fake models it
 * keeps the tools it was bound to (createAgent and createSupervisor bind them before every call),
 * so a script can react to what a tool's description says: the MCP tool-poisoning path.
 */
export class ScriptedChatModel extends BaseChatModel {
  readonly #next: NextTurn;
  readonly #tools: readonly unknown[];

  constructor(next: NextTurn, tools: readonly unknown[] = []) {
    super({});
    this.#next = next;
    this.#tools = tools;
  }

  _llmType(): string {
    return "mandate-scripted";
  }

  // TYPE PITFALL: BaseChatModel declares bindTools as optional with a Runnable return type; the
  // bound copy is a chat model of the same class, which is what every caller needs at runtime.
  override bindTools(tools: unknown[]): ReturnType<NonNullable<BaseChatModel["bindTools"]>> {
    return new ScriptedChatModel(this.#next, tools) as unknown as ReturnType<
      NonNullable<BaseChatModel["bindTools"]>
    >;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const message = this.#next({ messages, tools: this.#tools });
    return { generations: [{ text: "", message }] };
  }
}
