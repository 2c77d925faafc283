import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { initChatModel } from "langchain";

/** A real chat model the examples run with instead of their script, and what to call it. */
export interface LiveModel {
  readonly model: BaseChatModel;
  readonly label: string;
}

/** The provider packages installed in this workspace, and a small tool-calling model of each. */
const DEFAULTS = [
  { key: "OPENAI_API_KEY", model: "openai:gpt-4.1-mini" },
  { key: "ANTHROPIC_API_KEY", model: "anthropic:claude-haiku-4-5" },
] as const;

/**
 * The model the examples use when a provider key is set: `MANDATE_MODEL` ("provider:model", e.g.
 * "openai:gpt-4.1" or "anthropic:claude-sonnet-4-5") when given, else the first provider whose key
 * is present. `MANDATE_OFFLINE=1` keeps the scripted models even with a key. Undefined means: run
 * the script. Nothing is sent anywhere until the model is invoked.
 */
export async function liveModelFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<LiveModel | undefined> {
  if (env.MANDATE_OFFLINE === "1") return undefined;
  const chosen = env.MANDATE_MODEL?.trim() || DEFAULTS.find((d) => (env[d.key] ?? "") !== "")?.model;
  if (chosen === undefined) return undefined;
  const [provider, ...rest] = chosen.split(":");
  const name = rest.join(":");
  if (provider === undefined || provider === "" || name === "")
    throw new TypeError(`MANDATE_MODEL must look like "provider:model", e.g. "openai:gpt-4.1-mini"`);
  const model = (await initChatModel(name, { modelProvider: provider, temperature: 0 })) as BaseChatModel;
  return { model, label: `${provider}:${name}` };
}
