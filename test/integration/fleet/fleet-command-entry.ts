import { runFleetCommand } from "../../../fleet/fleet-command.js";

// A real process around runFleetCommand, so the test can send it SIGTERM like a user would.
process.exitCode = await runFleetCommand(process.argv.slice(2));
