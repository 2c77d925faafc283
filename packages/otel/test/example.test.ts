import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// examples/otel/run.ts spawned as a user runs it, against a tiny collector on 127.0.0.1.

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const TSX = fileURLToPath(new URL("../../../node_modules/tsx/dist/cli.mjs", import.meta.url));
const EXAMPLE = "examples/otel/run.ts";

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly contentType: string | undefined;
  readonly body: OtlpBody;
}
interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { scope: { name: string }; spans: { name: string }[] }[];
  }[];
}

function runExample(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  // The test's own environment must not leak an endpoint into the child.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OTEL_")));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [TSX, EXAMPLE],
      { cwd: REPO, env: { ...base, ...env }, maxBuffer: 16 << 20, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : undefined;
        if (code === undefined) reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A collector that accepts OTLP/HTTP JSON and keeps what it got. */
async function collector(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer(async (req, res) => {
    received.push({
      method: req.method,
      url: req.url,
      contentType: req.headers["content-type"],
      body: JSON.parse(await body(req)) as OtlpBody,
    });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

// Each test spawns the whole demo (a few seconds; more on a busy machine).
describe("examples/otel/run.ts", { timeout: 60_000 }, () => {
  it("exports the demo's 27 spans over OTLP/HTTP to the collector from OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    const { url, received } = await collector();
    const r = await runExample({ OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_SERVICE_NAME: "vendor-payments" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`exported 27 spans to ${url}/v1/traces\n`);
    expect(received.length).toBeGreaterThan(0);
    expect(received.map((p) => [p.method, p.url, p.contentType])).toEqual(
      received.map(() => ["POST", "/v1/traces", "application/json"]),
    );
    const resourceSpans = received.flatMap((p) => p.body.resourceSpans);
    const services = resourceSpans.map(
      (rs) => rs.resource.attributes.find((a) => a.key === "service.name")?.value,
    );
    expect(new Set(services.map((s) => s?.stringValue))).toEqual(new Set(["vendor-payments"]));
    const scopes = resourceSpans.flatMap((rs) => rs.scopeSpans);
    expect(new Set(scopes.map((s) => s.scope.name))).toEqual(new Set(["@mandate/otel"]));
    const names = scopes.flatMap((s) => s.spans.map((span) => span.name));
    expect(names).toHaveLength(27);
    const counts: Record<string, number> = {};
    for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
    expect(counts).toEqual({
      "mandate.run": 2,
      "invoke_agent vendor-payment-team": 2,
      "invoke_agent researcher": 1,
      "invoke_agent mailer": 1,
      "invoke_agent payer": 2,
      "execute_tool delegate_to_researcher": 1,
      "execute_tool delegate_to_mailer": 1,
      "execute_tool delegate_to_payer": 1,
      "execute_tool read_doc": 1,
      "execute_tool send_email": 2,
      "execute_tool transfer_funds": 2,
      "chat FakeBuiltModel": 11,
    });
  });

  it("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as the full URL", async () => {
    const { url, received } = await collector();
    const r = await runExample({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${url}/custom/traces` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`exported 27 spans to ${url}/custom/traces\n`);
    expect(new Set(received.map((p) => p.url))).toEqual(new Set(["/custom/traces"]));
  });

  it("without a collector it says the export failed, and still exits 0", async () => {
    const { url } = await collector();
    await new Promise<void>((resolve) => server?.close(() => resolve())); // nothing listens now
    server = undefined;
    const r = await runExample({ OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_EXPORTER_OTLP_TIMEOUT: "1000" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ran: search=0 read_doc=1 send_email=1 transfer_funds=1; approvals: 1\n");
    expect(r.stdout).toMatch(
      new RegExp(`export failed: 27 spans not delivered to ${url}/v1/traces \\(.*ECONNREFUSED`),
    );
  });

  it("with no endpoint set it prints the spans with the console exporter instead", async () => {
    const r = await runExample({});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "no OTEL_EXPORTER_OTLP_ENDPOINT set: 27 spans printed to the console instead\n",
    );
    expect(r.stdout.match(/name: 'invoke_agent payer'/g)).toHaveLength(2);
    expect(r.stdout).toContain("'error.type': 'POLICY_DENIED'");
  });
});
