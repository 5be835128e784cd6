// `bin/curio.js` for tests, run from the sources with `node --import tsx` (see curio-child.ts).
import { main } from "../../src/cli.js";

process.exitCode = await main(process.argv);
