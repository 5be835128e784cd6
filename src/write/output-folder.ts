import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { WriteManifest } from "./write-manifest.js";
import { isAlive } from "../util/is-alive.js";
import type { ManifestLoad } from "./write-manifest.js";
import { listOutput, loadManifest, MANIFEST_NAME, UNKNOWN_ENTRY } from "./write-manifest.js";

/** What Curio may do in an output folder, as found before a build writes. */
export interface OutputFolder {
  readonly dir: string;
  /** The files Curio wrote there (from its manifest; with `clean`, every file present). */
  readonly manifest: WriteManifest;
  /** Files present that Curio did not write: never overwritten or deleted. */
  readonly foreign: ReadonlySet<string>;
  /** True when the folder holds its list of Curio's files (`.curio-manifest.json`). */
  readonly listed: boolean;
}

/** How opening an output folder went. */
export type OpenedOutput =
  | { readonly ok: true; readonly folder: OutputFolder }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/**
 * Looks at an output folder before a build: removes what interrupted builds left (staging
 * folders of processes that are gone, and the `.dist.tmp-*` folders older Curios left next to
 * it), reads the manifest and lists what else is there. A folder that holds files but no
 * manifest (someone else's folder, or Curio's after its manifest was deleted) is refused unless
 * `clean` says its files may all be replaced; `shown` names the folder in messages. The write
 * record in `cacheDir` (when caching) says how each file Curio owns was made; `preloaded` is the
 * manifest when the caller has just loaded it.
 */
export async function openOutputFolder(
  dir: string,
  shown: string,
  cacheDir: string | undefined,
  curioVersion: string,
  clean: boolean,
  preloaded?: ManifestLoad,
): Promise<OpenedOutput> {
  removeLeftovers(dir);
  const present = await listOutput(dir);
  const load = preloaded ?? (await loadManifest(dir, cacheDir, curioVersion));
  if (load.status === "ok") {
    const entries = new Map(load.manifest.entries);
    const others = present.filter((p) => !entries.has(p));
    if (clean) for (const p of others) entries.set(p, UNKNOWN_ENTRY);
    return {
      ok: true,
      folder: {
        dir,
        manifest: { entries },
        foreign: new Set(clean ? [] : others),
        listed: true,
      },
    };
  }
  if (present.length === 0 || clean) {
    const entries = new Map(present.map((p) => [p, UNKNOWN_ENTRY] as const));
    return {
      ok: true,
      folder: { dir, manifest: { entries }, foreign: new Set(), listed: false },
    };
  }
  const why =
    load.status === "missing"
      ? `it holds ${count(present.length)} that Curio has no record of writing (such as ${shown}/${present[0]})`
      : `its record of what Curio wrote (${shown}/${MANIFEST_NAME}) cannot be read: ${load.reason}`;
  return {
    ok: false,
    diagnostic: error(
      "out-dir-not-empty",
      `refusing to build into ${shown}: ${why}; Curio only overwrites and deletes files it wrote`,
      {},
      `build into a new or empty folder with --out, or, if ${shown}/ holds only an earlier build of this digest, run the build with --clean to replace everything in it`,
    ),
  };
}

/** The error for files Curio did not write that stand where it would write (`shown`: the folder). */
export function conflictDiagnostic(shown: string, conflicts: readonly string[]): Diagnostic {
  const one = conflicts.length === 1;
  const listed = conflicts.slice(0, 5).map((p) => `${shown}/${p}`);
  return error(
    "out-file-conflict",
    `${one ? "a file" : `${conflicts.length} files`} in ${shown}/ that Curio did not write would be overwritten: ${listed.join(", ")}${conflicts.length > 5 ? ", …" : ""}`,
    {},
    `move ${one ? "it" : "them"} out of ${shown}/, or run the build with --clean to let Curio replace ${one ? "it" : "them"}`,
  );
}

function count(n: number): string {
  return `${n} file${n === 1 ? "" : "s"}`;
}

/**
 * Removes staging folders that no running process owns (`.dist.curio-staging-<pid>-*` beside
 * the output folder, `.curio-staging-<pid>-*` inside it) and the staging folders older Curios
 * left beside it (`.dist.tmp-XXXXXX`, and `.dist.tmp-XXXXXX.old`).
 */
export function removeLeftovers(dir: string): void {
  for (const name of namesIn(dir)) {
    const m = /^\.curio-staging-(\d+)-/.exec(name);
    if (m && !isAlive(Number(m[1]))) rmSync(path.join(dir, name), { recursive: true, force: true });
    if (name.startsWith(`${MANIFEST_NAME}.`) && name.endsWith(".tmp")) {
      const pid = Number(name.slice(MANIFEST_NAME.length + 1, -".tmp".length));
      if (!isAlive(pid)) rmSync(path.join(dir, name), { force: true });
    }
  }
  const parent = path.dirname(dir);
  const base = escapeRegExp(path.basename(dir));
  const legacy = new RegExp(`^\\.${base}\\.tmp-[A-Za-z0-9]{6}(\\.old)?$`);
  const beside = new RegExp(`^\\.${base}\\.curio-staging-(\\d+)-`);
  for (const name of namesIn(parent)) {
    const m = beside.exec(name);
    if (legacy.test(name) || (m && !isAlive(Number(m[1]))))
      rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
