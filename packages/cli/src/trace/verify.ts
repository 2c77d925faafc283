import { access } from "node:fs/promises";
import { type TraceVerifyResult, type VerifyTraceOptions, verifyTrace } from "@mandate/core";
import { CliError } from "../cli/errors.ts";
import { describeFsError } from "../cli/files.ts";
import type { JwkSet } from "../cli/jwks.ts";

/** The core's offline verification of a trace file against the checkpoint keys (streams the file). */
export async function verifyTraceFile(path: string, jwks: JwkSet): Promise<TraceVerifyResult> {
  try {
    await access(path);
  } catch (error) {
    throw new CliError(`cannot read trace ${JSON.stringify(path)}: ${describeFsError(error)}`);
  }
  // The JWKS was read as plain JSON and checked for shape (readJwks); the core imports each key.
  const keys = { keys: jwks.keys } as unknown as VerifyTraceOptions["keys"];
  return verifyTrace(path, { keys });
}
