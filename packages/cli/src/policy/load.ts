import { isMandateError, loadPolicy } from "@mandate/core";
import { CliError, EXIT } from "../cli/errors.ts";
import { readTextFile } from "../cli/files.ts";
import { safeText } from "../cli/safe-text.ts";

export type LoadedPolicy = ReturnType<typeof loadPolicy>;

export type PolicyLoad =
  | { readonly ok: true; readonly policy: LoadedPolicy }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly details: readonly string[];
    };

/** Loads a policy file; a POLICY_INVALID (with its position details) is returned as data. */
export async function tryLoadPolicyFile(path: string): Promise<PolicyLoad> {
  const text = await readTextFile(path, "policy");
  try {
    return { ok: true, policy: loadPolicy(text) };
  } catch (error) {
    if (!isMandateError(error)) throw error;
    const details = Object.entries(error.details)
      .filter(([, value]) => value !== undefined)
      .map(
        ([key, value]) =>
          `${safeText(key)}: ${safeText(Array.isArray(value) ? value.join(", ") : String(value))}`,
      );
    return { ok: false, code: error.code, message: error.message, details };
  }
}

/** Loads a policy file or fails the command with the load error (exit 1). */
export async function loadPolicyFile(path: string, what = "policy"): Promise<LoadedPolicy> {
  const result = await tryLoadPolicyFile(path);
  if (result.ok) return result.policy;
  throw new CliError(`${what} ${JSON.stringify(path)}: ${result.code}: ${result.message}`, EXIT.failure);
}
