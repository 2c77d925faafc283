/** J-03: the EmbeddedJWK resolver (which trusts a key from the token) is never used in source. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../../packages");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === "node_modules" || entry === "dist") return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.[cm]?[jt]s$/.test(entry) && path.includes(`${"/src/"}`) ? [path] : [];
  });
}

describe("source hygiene", () => {
  it("no source file references EmbeddedJWK, createLocalJWKSet on header data, or Uint8Array secrets for jose", () => {
    const files = sources(root);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/EmbeddedJWK/);
      expect(text, file).not.toMatch(/jwtDecrypt|compactDecrypt|UnsecuredJWT/);
    }
  });
});
