import { byId } from "../harness/scenario.ts";
import { runSuite } from "../harness/suite.ts";
import { exampleScenarios } from "./multi-agent/examples.ts";
import { supervisorScenarios } from "./multi-agent/supervisor.ts";
import { swarmScenarios } from "./multi-agent/swarm.ts";

runSuite("multi-agent", [...supervisorScenarios, ...swarmScenarios, ...exampleScenarios].sort(byId));
