import type { Command } from "../cli/command.ts";
import { EXIT, usageError } from "../cli/errors.ts";
import { readStream } from "../cli/io.ts";
import { readJwks } from "../cli/jwks.ts";
import { flagString } from "../cli/parse.ts";
import { safeText } from "../cli/safe-text.ts";
import { decodeJwt } from "./decode.ts";

const TIME_CLAIMS = new Set(["iat", "nbf", "exp"]);

export const tokenInspectCommand: Command = {
  name: "inspect",
  summary: "decoded header and claims of a mandate, UNVERIFIED unless checked with --keys",
  args: ["JWT"],
  flags: {
    keys: {
      type: "string",
      value: "JWKS",
      description: "public keys (jwks.json) to verify the signature with",
    },
    issuer: { type: "string", value: "ISS", description: "expected issuer (with --keys)" },
    audience: { type: "string", value: "AUD", description: "expected audience (with --keys)" },
  },
  example:
    "mandate token inspect - --keys jwks.json --issuer https://auth.acme.example --audience agents < token.txt",
  details:
    "Pass the token as the argument, or - to read it from stdin (keeps it out of shell history).\n" +
    "The token itself is never printed. Exit 0 when decoded (and verified, with --keys), 1 when\n" +
    "malformed or when verification fails (the MandateError code is printed).",
  async run({ flags, positionals }, io) {
    const arg = positionals[0] ?? "";
    const token = (arg === "-" ? await readStream(io.stdin) : arg).trim();
    const keysPath = flagString(flags, "keys");
    const issuer = flagString(flags, "issuer");
    const audience = flagString(flags, "audience");
    if (keysPath === undefined && (issuer !== undefined || audience !== undefined)) {
      throw usageError("token inspect: --issuer and --audience need --keys");
    }
    if (keysPath !== undefined && (issuer === undefined || audience === undefined)) {
      throw usageError("token inspect: --keys needs --issuer and --audience");
    }
    const jwks = keysPath === undefined ? undefined : await readJwks(keysPath);
    const decoded = decodeJwt(token);
    const lines = ["header", ...jsonLines(decoded.header), "claims", ...jsonLines(decoded.claims)];
    let code: number = EXIT.ok;
    if (jwks === undefined || issuer === undefined || audience === undefined) {
      lines.push(
        "UNVERIFIED: signature, issuer, audience and expiry not checked (pass --keys, --issuer, --audience)",
      );
    } else {
      const { verifyToken } = await import("./verify.ts");
      const result = await verifyToken(token, { jwks, issuer, audience });
      if (result.ok) {
        lines.push(`VERIFIED: signature, issuer, audience and lifetime ok (jti ${safeText(result.jti)})`);
      } else {
        lines.push(`INVALID: ${safeText(result.code)}: ${safeText(result.message)}`);
        code = EXIT.failure;
      }
    }
    io.stdout.write(`${lines.join("\n")}\n`);
    return code;
  },
};

/** Pretty JSON, two-space indented under its heading, times annotated, every line escaped. */
function jsonLines(value: Readonly<Record<string, unknown>>): string[] {
  const lines: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    const text = JSON.stringify(member, null, 2) ?? "null";
    const note =
      TIME_CLAIMS.has(key) && typeof member === "number" && Number.isFinite(member) && Math.abs(member) < 1e11
        ? `  (${new Date(member * 1000).toISOString()})`
        : "";
    const [first = "", ...rest] = text.split("\n");
    lines.push(`  ${safeText(key)}: ${safeText(first)}${note}`, ...rest.map((l) => `  ${safeText(l)}`));
  }
  return lines;
}
