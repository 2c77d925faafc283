import type { Command } from "../cli/command.ts";
import { EXIT } from "../cli/errors.ts";
import { readJwks } from "../cli/jwks.ts";
import { flagString } from "../cli/parse.ts";
import { safeText } from "../cli/safe-text.ts";

export const traceVerifyCommand: Command = {
  name: "verify",
  summary: "check the hash chain and signed checkpoints: exit 0 intact, 1 tampered (first bad seq)",
  args: ["FILE"],
  flags: {
    keys: {
      type: "string",
      value: "JWKS",
      description: "public keys the checkpoints are signed with",
      required: true,
    },
  },
  example: "mandate trace verify out/trace.jsonl --keys out/jwks.json",
  details: "Detects edited, deleted, reordered, inserted and truncated events.",
  async run({ flags, positionals }, io) {
    const jwks = await readJwks(flagString(flags, "keys") ?? "");
    // Loaded on use: the crypto stack stays off the startup path of the other commands.
    const { verifyTraceFile } = await import("./verify.ts");
    const result = await verifyTraceFile(positionals[0] ?? "", jwks);
    if (result.ok) {
      const warnings = (result.warnings ?? []).map((w) => `warning: ${safeText(w)}\n`).join("");
      io.stdout.write(
        `ok: ${result.events} events intact, ${plural(result.checkpoints ?? 0, "signed checkpoint")} verified\n${warnings}`,
      );
      return EXIT.ok;
    }
    const seq = result.firstBadSeq === undefined ? "unknown" : String(result.firstBadSeq);
    const code = result.code === undefined ? "" : ` (${safeText(result.code)})`;
    io.stdout.write(
      `TAMPERED: first bad seq ${seq}: ${safeText(result.problem ?? "verification failed")}${code}\n`,
    );
    return EXIT.failure;
  },
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
