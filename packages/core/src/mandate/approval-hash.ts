/**
 * The binding between an approval and a call: sha256 (base64url) of the RFC 8785 (JCS) canonical
 * arguments, so key order or number spelling cannot make "the same" arguments hash differently, and
 * any real change (amount, recipient) makes the approval useless.
 */
import { createHash } from "node:crypto";
import canonicalizeModule from "canonicalize";

// canonicalize is CommonJS (`module.exports = fn`); its .d.ts says `export default`, which NodeNext
// typing reads as `.default`. At run time the default import IS the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export function argsHash(args: unknown): string {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(args);
  } catch {
    canonical = undefined;
  }
  if (canonical === undefined) throw new TypeError("approval arguments must be JSON-serialisable");
  return createHash("sha256").update(canonical, "utf8").digest("base64url");
}
