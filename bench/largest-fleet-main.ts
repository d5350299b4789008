import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchLargestFleet } from "./memory-at-scale.js";

/** Step 9 alone: `npx tsx bench/largest-fleet-main.ts [clusters services tasksPerService]` (after `npm run build`). */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
process.execArgv = [];
const [clusters = 10, servicesPerCluster = 10, tasksPerService = 500] = process.argv.slice(2).map(Number);
const logDir = mkdtempSync(join(tmpdir(), "rollout-verifier-bench-"));
const result = await benchLargestFleet(logDir, { clusters, servicesPerCluster, tasksPerService });
console.log(JSON.stringify(result, null, 2));
console.log(`logs in ${logDir}`);
