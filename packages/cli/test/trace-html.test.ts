import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main as runDemo } from "../../../examples/supervisor/run.ts";
import { lines, runCli } from "./helpers.ts";
import { type FixturePaths, makeFixtures } from "./make-fixtures.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOT = fileURLToPath(new URL("./out/trace-html.png", import.meta.url));
const DEMO_SCREENSHOT = fileURLToPath(new URL("./out/trace-html-demo.png", import.meta.url));

interface ExpectedHop {
  readonly agent: string;
  /** The last decision's effect (the badge). */
  readonly effect: string;
  /** Every decision's effect (what the effect filter matches). */
  readonly effects: string[];
}

/** The hops the page should show, computed from the JSONL independently of the CLI's code. */
async function expectedHops(path: string): Promise<ExpectedHop[]> {
  const events = (await readFile(path, "utf8"))
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const hops = new Map<string, ExpectedHop & { agent: string; effect: string; checkpoint: boolean }>();
  for (const e of events) {
    const key = `${String(e.run)}|${String(e.span)}`;
    const hop = hops.get(key) ?? { agent: "", effect: "", effects: [], checkpoint: false };
    if (hop.agent === "" && typeof e.agent === "string") hop.agent = e.agent;
    if (e.kind === "tool.decision") {
      hop.effect = String(e.effect);
      hop.effects.push(String(e.effect));
    }
    if (e.kind === "trace.checkpoint") hop.checkpoint = true;
    hops.set(key, hop);
  }
  return [...hops.values()].filter((h) => !h.checkpoint);
}

/** A character a page must not show raw: controls (but LF/TAB), C1, bidi controls, line separators. */
function unsafeInPage(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c < 0x20 && c !== 0x0a && c !== 0x09) ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x2028 ||
    c === 0x2029
  );
}

let fx: FixturePaths;
let browser: Browser;
let page: Page;
const external: string[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function open(html: string): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("file:") && !url.startsWith("data:")) external.push(url);
  });
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(pathToFileURL(html).href);
}

async function seqs(): Promise<number[]> {
  return (await page.locator(".hop").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-seq")))).map(
    Number,
  );
}

async function visibleHops(): Promise<number> {
  return page.locator(".hop:visible").count();
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the HTML viewer test needs it. Install it with ` +
        "`apt-get update && apt-get install -y chromium` (.ci/run does this on CI).",
    );
  }
  fx = await makeFixtures(await mkdtemp(join(tmpdir(), "mandate-cli-html-")));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("mandate trace html (headless Chromium)", () => {
  it("renders every hop of the demo trace, filters by agent and by effect, shows details on click", async () => {
    const html = join(fx.dir, "demo.html");
    const result = await runCli(["trace", "html", fx.demo, "-o", html]);
    expect(result.code).toBe(0);
    const eventCount = lines(await readFile(fx.demo, "utf8")).length;
    expect(lines(result.stdout)).toEqual([`wrote ${html} (${eventCount} events)`]);
    const hops = await expectedHops(fx.demo);
    await open(html);

    expect(await page.locator(".hop").count()).toBe(hops.length);
    expect(await visibleHops()).toBe(hops.length);
    expect(await page.locator("#shown-count").textContent()).toBe(`${hops.length} of ${hops.length} hops`);
    expect(await page.locator(".run-head").count()).toBe(1);

    const researcher = hops.filter((h) => h.agent === "researcher").length;
    expect(researcher).toBeGreaterThan(0);
    await page.selectOption("#agent-filter", "researcher");
    expect(await visibleHops()).toBe(researcher);
    expect(await page.locator("#shown-count").textContent()).toBe(`${researcher} of ${hops.length} hops`);

    await page.selectOption("#agent-filter", "");
    for (const effect of ["allow", "deny", "approve"]) {
      await page.selectOption("#effect-filter", effect);
      const want = hops.filter((h) => h.effects.includes(effect)).length;
      expect(want, effect).toBeGreaterThan(0);
      expect(await visibleHops(), effect).toBe(want);
      expect(await page.locator(`.hop:visible .badge.${effect}`).count()).toBe(
        hops.filter((h) => h.effects.includes(effect) && h.effect === effect).length,
      );
    }
    await page.selectOption("#effect-filter", "deny");
    await page.selectOption("#agent-filter", "researcher");
    const both = hops.filter((h) => h.effects.includes("deny") && h.agent === "researcher").length;
    expect(both).toBe(2);
    expect(await visibleHops()).toBe(both);

    // decisions are coloured: deny red, allow green, approve amber
    const red = await page.evaluate(
      "getComputedStyle(document.querySelector('.hop:not([hidden]) .badge.deny')).backgroundColor",
    );
    expect(red).toBe("rgb(207, 34, 46)");

    await page.locator(".hop:visible", { hasText: "send_email" }).click();
    expect(await page.locator("#details-title").textContent()).toBe("tool send_email");
    expect(await page.locator("#details-reason").textContent()).toBe(
      "DENY — confidential data was read in this task and may not leave it (POLICY_DENIED)",
    );
    const details = (await page.locator("#details-json").textContent()) ?? "";
    expect(details).toContain('"kind": "tool.decision"');
    expect(details).toContain('"ruleIds": [\n      "no-egress-after-confidential"\n    ]');

    // time order: the same rows, sorted by seq; hop tree again restores the tree order
    await page.selectOption("#effect-filter", "");
    await page.selectOption("#agent-filter", "");
    const treeOrder = await seqs();
    await page.selectOption("#order", "time");
    const timeOrder = await seqs();
    expect(timeOrder).toEqual([...treeOrder].sort((a, b) => a - b));
    expect(timeOrder).not.toEqual(treeOrder);
    await page.selectOption("#order", "tree");
    expect(await seqs()).toEqual(treeOrder);

    await page.selectOption("#effect-filter", "approve");
    expect(await page.locator(".hop:visible .approval.granted").textContent()).toBe(
      "approved by alice@acme.example",
    );
    expect(await page.locator(".hop:visible .badge").textContent()).toBe("ALLOW");
    await page.selectOption("#effect-filter", "");
    expect(await page.locator("#summary").textContent()).toBe(
      `${eventCount} events · ${hops.length} hops · 4 allow · 3 deny · 1 approve · 1 signed checkpoint`,
    );
    await page.locator(".hop", { hasText: "transfer_funds" }).first().click();
    await mkdir(fileURLToPath(new URL("./out/", import.meta.url)), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);

    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it("renders the trace `pnpm demo` writes: the supervisor, its three workers, the blocked exfiltration", async () => {
    const demoDir = await mkdtemp(join(tmpdir(), "mandate-cli-html-demo-"));
    const demo = await runDemo({ outDir: demoDir, log: () => {}, color: false });
    expect(demo.verification.ok).toBe(true);
    const html = join(demoDir, "demo.html");
    expect((await runCli(["trace", "html", demo.tracePath, "-o", html])).code).toBe(0);
    const hops = await expectedHops(demo.tracePath);
    await open(html);

    expect(await page.locator(".hop").count()).toBe(hops.length);
    // the authority's mandate events (outside any run), the run paused for approval, the resume
    expect(await page.locator(".run-head").count()).toBe(3);
    for (const agent of ["researcher", "mailer", "payer"]) {
      await page.selectOption("#agent-filter", agent);
      expect(await visibleHops(), agent).toBe(hops.filter((h) => h.agent === agent).length);
    }
    await page.selectOption("#agent-filter", "");
    await page.selectOption("#effect-filter", "deny");
    expect(await visibleHops()).toBe(1);
    await page.locator(".hop:visible", { hasText: "send_email" }).click();
    expect(await page.locator("#details-reason").textContent()).toBe(
      "DENY — confidential data was read in this task; it may only be sent to @acme.example (POLICY_DENIED)",
    );
    expect(await page.locator("#details-json").textContent()).toContain(
      "no-external-egress-after-confidential",
    );
    await page.selectOption("#effect-filter", "");
    await page.screenshot({ path: DEMO_SCREENSHOT, fullPage: true });
    expect(existsSync(DEMO_SCREENSHOT)).toBe(true);
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it("shows a hostile trace inertly: no script runs, no raw control or bidi characters reach the page", async () => {
    const html = join(fx.dir, "hostile.html");
    expect((await runCli(["trace", "html", fx.hostile, "-o", html])).code).toBe(0);
    const source = await readFile(html, "utf8");
    expect(source).not.toContain("</script><img");
    expect(source.match(/<\/script>/g)).toHaveLength(2);
    expect([...source].filter(unsafeInPage)).toEqual([]);
    await open(html);
    expect(await page.locator(".hop").count()).toBe((await expectedHops(fx.hostile)).length);
    await page.locator(".hop[data-kind=tool]", { hasText: "search" }).first().click();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees.
    const text = await page.locator("body").innerText();
    expect([...text].filter(unsafeInPage)).toEqual([]);
    expect(text).toContain("\\u001b[2K\\u000d\\u001b[32mAPPROVED");
    expect(await page.locator("#details-json").textContent()).toContain(
      "</script><img src=x onerror=alert(1)>",
    );
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
