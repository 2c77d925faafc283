import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "../cli/command.ts";
import { CliError, EXIT, usageError } from "../cli/errors.ts";
import { describeFsError } from "../cli/files.ts";
import { flagBool, flagString } from "../cli/parse.ts";
import { safeText } from "../cli/safe-text.ts";
import { generateKeyPair, type KeyAlgorithm } from "./jwk.ts";

const ALGS: readonly KeyAlgorithm[] = ["EdDSA", "ES256"];

export const keysNewCommand: Command = {
  name: "new",
  summary: "a signing key pair as JWK files (private.jwk.json 0600, public jwks.json)",
  args: [],
  flags: {
    out: { type: "string", value: "DIR", description: "directory to write to (default: .)" },
    alg: { type: "string", value: "EdDSA|ES256", description: "EdDSA (Ed25519, default) or ES256 (P-256)" },
    force: { type: "boolean", description: "overwrite existing key files" },
  },
  example: "mandate keys new --out ./keys --alg EdDSA",
  details: "The kid is the key's RFC 7638 thumbprint. The private key never goes to stdout.",
  async run({ flags }, io) {
    const alg = flagString(flags, "alg") ?? "EdDSA";
    if (!(ALGS as readonly string[]).includes(alg)) {
      throw usageError(`keys new: --alg must be EdDSA or ES256, not ${JSON.stringify(safeText(alg))}`);
    }
    const dir = flagString(flags, "out") ?? ".";
    const pair = generateKeyPair(alg as KeyAlgorithm);
    const privatePath = join(dir, "private.jwk.json");
    const publicPath = join(dir, "jwks.json");
    const flag = flagBool(flags, "force") ? "w" : "wx";
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(privatePath, `${JSON.stringify(pair.privateJwk, null, 2)}\n`, { mode: 0o600, flag });
      await chmod(privatePath, 0o600);
      await writeFile(publicPath, `${JSON.stringify({ keys: [pair.publicJwk] }, null, 2)}\n`, { flag });
    } catch (error) {
      const exists = (error as { code?: unknown } | null)?.code === "EEXIST";
      throw new CliError(
        exists
          ? `keys new: ${safeText(dir)} already holds key files (use --force to overwrite)`
          : `keys new: cannot write to ${JSON.stringify(safeText(dir))}: ${describeFsError(error)}`,
      );
    }
    io.stdout.write(
      `kid ${pair.kid}\nalg ${alg}\nprivate ${safeText(privatePath)} (0600)\npublic ${safeText(publicPath)}\n`,
    );
    return EXIT.ok;
  },
};
