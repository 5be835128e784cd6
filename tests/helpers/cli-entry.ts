// `bin/curio.js` for tests that start Curio as a child process, run from the sources through tsx.
import { main } from "../../src/cli.js";

process.exitCode = await main(process.argv);
