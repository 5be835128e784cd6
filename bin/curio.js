#!/usr/bin/env node
// The `curio` command: runs the compiled CLI in ../lib (built by `npm install` via `prepare`).
import { main } from "../lib/cli.js";

process.exitCode = await main(process.argv);
