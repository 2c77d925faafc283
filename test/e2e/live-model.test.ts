import { afterEach, describe, expect, it, vi } from "vitest";
import { liveModelFromEnv } from "../../examples/shared/live-model.ts";

// The examples' real-model switch. Nothing here invokes a model: choosing one sends nothing.
describe("examples: real model when a provider key is set", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("runs the script when no key is set, or when MANDATE_OFFLINE=1", async () => {
    expect(await liveModelFromEnv({})).toBeUndefined();
    expect(await liveModelFromEnv({ OPENAI_API_KEY: "sk-test", MANDATE_OFFLINE: "1" })).toBeUndefined();
  });

  it("picks OpenAI, then Anthropic, by which key is present", async () => {
    const openai = await liveModelFromEnv({ OPENAI_API_KEY: "sk-test" });
    expect(openai?.label).toBe("openai:gpt-4.1-mini");
    expect(typeof openai?.model.bindTools).toBe("function");
    vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-test"); // the provider class reads its key itself
    const anthropic = await liveModelFromEnv({ ANTHROPIC_API_KEY: "sk-ant-test" });
    expect(anthropic?.label).toBe("anthropic:claude-haiku-4-5");
  });

  it("MANDATE_MODEL chooses the provider and model; a malformed one is a TypeError", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-test");
    const chosen = await liveModelFromEnv({ MANDATE_MODEL: "openai:gpt-4.1", OPENAI_API_KEY: "sk-test" });
    expect(chosen?.label).toBe("openai:gpt-4.1");
    await expect(liveModelFromEnv({ MANDATE_MODEL: "gpt-4.1" })).rejects.toThrow(TypeError);
  });
});
