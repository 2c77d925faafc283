/**
 * `pnpm bench`: runs every suite in ./suites in one process (the memory suite in its own child),
 * prints each suite's figures and the targets of issue 8, and writes results.json + RESULTS.md
 * next to this file. Every suite warms up first and reports medians and p99; ratios are against
 * baselines measured in the same run (the machines are shared and noisy). Nothing here is
 * asserted by the test suite, but a suite throws when its workload did not do what it should
 * (the engines disagree, a tool ran the wrong number of times, …).
 * `pnpm bench decision verify` runs only those suites.
 */
import { readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SUITE_NOTES } from "./notes.ts";
import { evaluateTargets, type Figures, type TargetResult } from "./targets.ts";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

async function main(): Promise<void> {
  const started = Date.now();
  const files = readdirSync(join(here, "suites"))
    .filter((f) => f.endsWith(".ts"))
    .sort();
  const results: Record<string, Figures> = {};
  const seconds: Record<string, number> = {};
  for (const file of files) {
    const name = file.replace(/\.ts$/, "");
    if (only.length > 0 && !only.includes(name)) continue;
    const suiteStarted = Date.now();
    process.stdout.write(`bench ${name} … `);
    const mod = (await import(pathToFileURL(join(here, "suites", file)).href)) as {
      default: () => Promise<Figures>;
    };
    results[name] = await mod.default();
    seconds[name] = Math.round((Date.now() - suiteStarted) / 100) / 10;
    process.stdout.write(`done in ${seconds[name]} s\n`);
    console.table(results[name]);
  }
  const targets = evaluateTargets(results);
  console.log("targets");
  console.table(targets.map((t) => ({ target: t.target, measured: t.measured, result: verdict(t) })));
  const wallSeconds = Math.round((Date.now() - started) / 100) / 10;
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    wallSeconds,
    suiteSeconds: seconds,
  };
  writeFileSync(join(here, "results.json"), `${JSON.stringify({ machine, targets, results }, null, 2)}\n`);
  writeFileSync(join(here, "RESULTS.md"), renderMarkdown(machine, targets, results));
  console.log(`wall time ${wallSeconds} s; wrote ${join(here, "results.json")} and RESULTS.md`);
}

function verdict(t: TargetResult): string {
  return t.pass === undefined ? "not run" : t.pass ? "pass" : "MISS";
}

function renderMarkdown(
  machine: { date: string; node: string; cpu: string; cores: number; memoryGiB: number } & Record<
    string,
    unknown
  >,
  targets: readonly TargetResult[],
  results: Record<string, Figures>,
): string {
  const lines = [
    "# Benchmark results",
    "",
    `${machine.date} · Node ${machine.node} · ${machine.cpu} · ${machine.cores} cores · ` +
      `${machine.memoryGiB} GiB · load average ${machine.loadAverage1m} · \`pnpm bench\` wall time ` +
      `${machine.wallSeconds} s`,
    "",
    "Written by `pnpm bench` (test/bench/run.ts). Medians and p99 after warm-up; every ratio is",
    "against a baseline measured in the same run. Methods and caveats are in each suite's header",
    "comment (test/bench/suites/*.ts).",
    "",
    "## Targets",
    "",
    "| target | measured | result |",
    "| --- | --- | --- |",
    ...targets.map((t) => `| ${t.target} | ${t.measured} | ${verdict(t)} |`),
    "",
  ];
  for (const [suite, figures] of Object.entries(results)) {
    lines.push(`## ${suite}`, "");
    for (const note of SUITE_NOTES[suite] ?? []) lines.push(note, "");
    lines.push("| figure | value |", "| --- | --- |");
    for (const [key, value] of Object.entries(figures)) {
      lines.push(`| ${key} | ${typeof value === "number" ? formatNumber(value) : String(value)} |`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

await main();
