import { byId } from "../harness/scenario.ts";
import { runSuite } from "../harness/suite.ts";
import { fileScenarios } from "./workspace/files.ts";
import { flowScenarios } from "./workspace/flows.ts";
import { recipientScenarios } from "./workspace/recipients.ts";

runSuite("workspace", [...recipientScenarios, ...fileScenarios, ...flowScenarios].sort(byId));
