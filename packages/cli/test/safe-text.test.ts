import { describe, expect, it } from "vitest";
import { safeText, UNSAFE_PATTERN } from "../src/cli/safe-text.ts";
import { embedJson } from "../src/trace/html.ts";

describe("safeText (L-06)", () => {
  it("escapes ESC, CR, BEL, C1 CSI, bidi overrides and isolates, line separators and zero-width characters", () => {
    expect(safeText("\u001b[2K\r\u001b[32mAPPROVED")).toBe("\\u001b[2K\\u000d\\u001b[32mAPPROVED");
    expect(safeText("\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007")).toBe(
      "\\u001b]8;;https://evil.example\\u0007click\\u001b]8;;\\u0007",
    );
    expect(safeText("boss@acme.example\u202egpj.exe")).toBe("boss@acme.example\\u202egpj.exe");
    expect(safeText("\u009b31m \u2066x\u2069 a\u2028b \u200b \ufeff \u00ad")).toBe(
      "\\u009b31m \\u2066x\\u2069 a\\u2028b \\u200b \\ufeff \\u00ad",
    );
    expect(safeText("tab\there\nnewline")).toBe("tab\\u0009here\\u000anewline");
  });

  it("leaves ordinary text, including non-Latin scripts and emoji, as it is", () => {
    const text = "send_email → cfo@acme.example · Zürich 東京 مرحبا 🙂";
    expect(safeText(text)).toBe(text);
    expect(UNSAFE_PATTERN.test(text)).toBe(false);
  });

  it("escapes lone surrogates but keeps pairs", () => {
    expect(safeText("a\ud800b")).toBe("a\\ud800b");
    expect(safeText("a\udc00b")).toBe("a\\udc00b");
    expect(safeText("🙂")).toBe("🙂");
  });
});

describe("embedJson", () => {
  it("cannot close the script element and still parses to the same value", () => {
    const value = { q: "</script><script>alert(1)</script>", s: "a\u2028b\u2029c", amp: "&lt;!--" };
    const text = embedJson(value);
    expect(text).not.toMatch(/[<>\u2028\u2029&]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
