import { byId } from "../harness/scenario.ts";
import { runSuite } from "../harness/suite.ts";
import { amountScenarios } from "./banking/amounts.ts";
import { approvalScenarios } from "./banking/approvals.ts";
import { paymentScenarios } from "./banking/payments.ts";
import { splitScenarios } from "./banking/splits.ts";

runSuite(
  "banking",
  [...paymentScenarios, ...splitScenarios, ...approvalScenarios, ...amountScenarios].sort(byId),
);
