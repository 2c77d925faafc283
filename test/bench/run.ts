/**
 * `pnpm bench`: runs every suite in ./suites in one process, prints a table, and writes
 * results.json + RESULTS.md next to this file. Figures are ratios against baselines measured in the
 * same run (our machines are noisy); nothing here is asserted by the test suite.
 */
import { readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

type SuiteResult = Record<string, number | string | boolean>;

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

async function main(): Promise<void> {
  const files = readdirSync(join(here, "suites"))
    .filter((f) => f.endsWith(".ts"))
    .sort();
  const results: Record<string, SuiteResult> = {};
  for (const file of files) {
    const name = file.replace(/\.ts$/, "");
    if (only.length > 0 && !only.includes(name)) continue;
    const started = Date.now();
    process.stdout.write(`bench ${name} … `);
    const mod = (await import(pathToFileURL(join(here, "suites", file)).href)) as {
      default: () => Promise<SuiteResult>;
    };
    results[name] = await mod.default();
    process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    console.table(results[name]);
  }
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
  writeFileSync(join(here, "results.json"), `${JSON.stringify({ machine, results }, null, 2)}\n`);
  writeFileSync(join(here, "RESULTS.md"), renderMarkdown(machine, results));
  console.log(`wrote ${join(here, "results.json")} and RESULTS.md`);
}

function renderMarkdown(
  machine: Record<string, string | number>,
  results: Record<string, SuiteResult>,
): string {
  const lines = [
    "# Benchmark results",
    "",
    `${machine.date} · Node ${machine.node} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB`,
    "",
  ];
  for (const [suite, figures] of Object.entries(results)) {
    lines.push(`## ${suite}`, "", "| figure | value |", "| --- | --- |");
    for (const [key, value] of Object.entries(figures)) {
      lines.push(`| ${key} | ${typeof value === "number" ? formatNumber(value) : String(value)} |`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toFixed(Math.abs(value) < 10 ? 3 : 1);
}

await main();
