import { Command } from "commander";
import { opsCommands } from "./ops";
import { policyCommand } from "./policy";

/**
 * Gatehouse's operator command line (docs/policy-as-code.md#command-line). Each command talks to
 * the database the server uses (DATABASE_URL, else the PGlite folder) acting as a user
 * (`--as <email>`), or to a running server (`--url` with an API key in GATEHOUSE_API_KEY or `--key`).
 */
const program = new Command("gatehouse")
  .description("Gatehouse's operator command line")
  .showHelpAfterError()
  .addCommand(policyCommand());
for (const command of opsCommands()) program.addCommand(command);

await program.parseAsync(process.argv);
// The database's pool and LISTEN connection would keep the process alive: the command is done.
process.exit(process.exitCode ?? 0);
