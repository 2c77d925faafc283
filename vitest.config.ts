import { defineConfig } from "vitest/config";

// One project per package plus the cross-package suites, so `pnpm test:security` can run one alone.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "core", include: ["packages/core/test/**/*.test.ts"] } },
      { test: { name: "langchain", include: ["packages/langchain/test/**/*.test.ts"] } },
      { test: { name: "langgraph", include: ["packages/langgraph/test/**/*.test.ts"] } },
      { test: { name: "otel", include: ["packages/otel/test/**/*.test.ts"] } },
      { test: { name: "cli", include: ["packages/cli/test/**/*.test.ts"] } },
      { test: { name: "conformance", include: ["test/conformance/**/*.test.ts"] } },
      { test: { name: "security", include: ["test/security/**/*.test.ts"], testTimeout: 60_000 } },
      { test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 60_000 } },
    ],
  },
});
