import { runSuite } from "../harness/suite.ts";
import { travelScenarios } from "./travel.ts";

runSuite("travel", travelScenarios);
