import { runSuite } from "../harness/suite.ts";
import { traceScenarios } from "./trace.ts";

runSuite("trace", traceScenarios);
