import { describe, expect, it } from "vitest";
import { ERROR_CODES, hasCode, isMandateError, MandateError } from "../src/index.ts";

describe("MandateError", () => {
  it("carries a stable code, a class name and frozen details", () => {
    const e = new MandateError("MANDATE_REVOKED", "mandate revoked", { details: { jti: "abc" } });
    expect(e.code).toBe("MANDATE_REVOKED");
    expect(e.name).toBe("MandateError");
    expect(e.details).toEqual({ jti: "abc" });
    expect(Object.isFrozen(e.details)).toBe(true);
  });

  it("is recognised by code across copies, not by instanceof", () => {
    const foreign = Object.assign(new Error("x"), { code: "SCOPE_DENIED" });
    expect(isMandateError(foreign)).toBe(true);
    expect(hasCode(foreign, "SCOPE_DENIED")).toBe(true);
    expect(hasCode(foreign, "MANDATE_EXPIRED")).toBe(false);
    expect(isMandateError(Object.assign(new Error("x"), { code: "ENOENT" }))).toBe(false);
  });

  it("lists exactly the codes of DESIGN.md", () => {
    expect(ERROR_CODES).toHaveLength(20);
  });
});
