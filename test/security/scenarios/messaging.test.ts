import { byId } from "../harness/scenario.ts";
import { runSuite } from "../harness/suite.ts";
import { memberScenarios } from "./messaging/members.ts";
import { webScenarios } from "./messaging/web.ts";

runSuite("messaging", [...webScenarios, ...memberScenarios].sort(byId));
