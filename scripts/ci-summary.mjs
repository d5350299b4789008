// Prints the plain `N passed, N failed` line CI reads, from vitest's JSON report plus extra checks.
import { readFileSync } from "node:fs";

const [reportPath, extraPassed = "0", extraFailed = "0"] = process.argv.slice(2);
let passed = Number(extraPassed);
let failed = Number(extraFailed);
try {
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load has no failed test of its own; count it so the line cannot read green.
  if (!report.success && report.numFailedTests === 0) failed += Math.max(1, report.numFailedTestSuites);
  if (report.numTotalTests === 0) failed += 1;
} catch {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
