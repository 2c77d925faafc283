import { createHash } from "node:crypto";
import canonicalizeModule from "canonicalize";

// CommonJS default export (see mandate/approval-hash.ts).
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * The hash a catalogue entry pins (`pin:`): hex sha256 of the RFC 8785 canonical JSON of
 * `{ name, description, schema }` (missing description is "", missing schema is null). A tool whose
 * definition changes after it was pinned — an MCP "rug pull" — no longer matches.
 */
export function toolDefinitionHash(definition: {
  readonly name: string;
  readonly description?: string;
  readonly schema?: unknown;
}): string {
  const canonical = canonicalize({
    name: definition.name,
    description: definition.description ?? "",
    schema: definition.schema ?? null,
  });
  return createHash("sha256")
    .update(canonical ?? "")
    .digest("hex");
}
