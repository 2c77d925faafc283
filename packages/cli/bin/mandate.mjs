#!/usr/bin/env node
// The `mandate` command. Runs the TypeScript sources directly through tsx's loader, so the
// workspace needs no build step; a published build would import ../dist/main.js instead.
import { register } from "tsx/esm/api";

// `mandate trace view big.jsonl | head`: a closed pipe ends the command quietly, as cat does.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
