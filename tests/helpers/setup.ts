// Runs before every test file (vitest's `setupFiles`), isolated or not.
import { afterAll } from "vitest";
import { removeTempDirs } from "./sites.js";

afterAll(removeTempDirs);
