import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Pluggable, Plugin } from "unified";
import { unified } from "unified";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { MarkdownSettings, PluginSetting } from "../model.js";
import { CONFIG_FILE } from "./read-sources.js";
import { digest } from "../util/digest.js";

/** Which tree a plugin works on: markdown's (remark) or HTML's (rehype). */
export type PluginKind = "remark" | "rehype";

/**
 * A plugin found in the digest, as plain data: what a parse worker is sent to load the same
 * plugin, and what the content cache's key is made of.
 */
export interface PluginRef {
  readonly kind: PluginKind;
  /** As the config names it: `remark-smartypants`, `./plugins/mark-quotes.js`. */
  readonly name: string;
  readonly options?: unknown;
  /** The module's `file:` URL. */
  readonly url: string;
  /** Its package's version, or a digest of the file for a plugin of the digest's own. */
  readonly version: string;
}

/** A plugin with its code loaded. */
export interface LoadedPlugin extends PluginRef {
  readonly plugin: Plugin<[unknown?]>;
}

/**
 * Finds and loads the config's markdown plugins from the digest's own `node_modules` (or its
 * `./` files). Plugins are code the digest trusts, as a theme is. A plugin that is not
 * installed, or is not a plugin, is an error at the line of the config that names it.
 */
export async function loadMarkdownPlugins(
  root: string,
  settings: MarkdownSettings,
): Promise<{ plugins: LoadedPlugin[]; diagnostics: Diagnostic[] }> {
  const listed = [
    ...settings.remarkPlugins.map((s) => ({ kind: "remark" as const, setting: s })),
    ...settings.rehypePlugins.map((s) => ({ kind: "rehype" as const, setting: s })),
  ];
  const plugins: LoadedPlugin[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { kind, setting } of listed) {
    const found = await findPlugin(root, kind, setting);
    if ("problem" in found) {
      diagnostics.push(found.problem);
      continue;
    }
    try {
      const loaded = await importPlugin(found.ref);
      attach(loaded);
      plugins.push(loaded);
    } catch (e) {
      diagnostics.push(
        error(
          "markdown-plugin-invalid",
          `${kind} plugin \`${setting.name}\` cannot be loaded: ${reasonOf(e)}`,
          at(setting),
          `check that \`${setting.name}\` is a ${kind} plugin, or remove it from \`markdown.${kind}Plugins\``,
        ),
      );
    }
  }
  return { plugins, diagnostics };
}

/** A plugin's ref without its code: what a parse worker is sent. */
export function pluginRef({ plugin: _code, ...ref }: LoadedPlugin): PluginRef {
  return ref;
}

/** The plugin as `unified().use()` takes it: with its options when the config gives some. */
export function pluggable(loaded: LoadedPlugin): Pluggable {
  return loaded.options === undefined ? loaded.plugin : [loaded.plugin, loaded.options];
}

/** Attaches the plugin with its options, as the renderer will: a plugin checks its options there. */
function attach(loaded: LoadedPlugin): void {
  unified()
    .use([pluggable(loaded)])
    .freeze();
}

/** Loads a plugin's code from its ref (the main thread and every parse worker do this). */
export async function importPlugin(ref: PluginRef): Promise<LoadedPlugin> {
  const module = (await import(ref.url)) as { default?: unknown };
  if (typeof module.default !== "function") {
    throw new Error("its module has no default export that is a function");
  }
  return { ...ref, plugin: module.default as Plugin<[unknown?]> };
}

async function findPlugin(
  root: string,
  kind: PluginKind,
  setting: PluginSetting,
): Promise<{ ref: PluginRef } | { problem: Diagnostic }> {
  const { name } = setting;
  const local = name.startsWith("./") || name.startsWith("../");
  if (path.isAbsolute(name) || /^[a-z][a-z0-9+.-]*:/i.test(name)) {
    return {
      problem: error(
        "markdown-plugin-missing",
        `${kind} plugin \`${name}\` is not a package name or a path from the digest's folder`,
        at(setting),
        `name an installed package (\`remark-smartypants\`) or a file of the digest (\`./plugins/${kind}-x.js\`)`,
      ),
    };
  }
  let url: string;
  try {
    // Loaded only for a config that names plugins.
    const { resolve } = await import("import-meta-resolve");
    url = resolve(name, pathToFileURL(path.join(root, "package.json")).href);
  } catch {
    return {
      problem: error(
        "markdown-plugin-missing",
        local
          ? `${kind} plugin \`${name}\` is not a file of the digest`
          : `${kind} plugin \`${name}\` is not installed in this digest`,
        at(setting),
        local
          ? "check the path: it starts from the digest's folder"
          : `run \`npm install ${name}\` in the digest's folder, or remove it from \`markdown.${kind}Plugins\``,
      ),
    };
  }
  const file = fileURLToPath(url);
  const version = local
    ? digest(await readFile(file))
    : await packageVersion(file, packageName(name));
  return {
    ref: {
      kind,
      name,
      ...(setting.options === undefined ? {} : { options: setting.options }),
      url,
      version,
    },
  };
}

/** `@scope/pkg/sub` → `@scope/pkg`; `pkg/sub` → `pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** The version in the nearest `package.json` above `file` that has the package's name. */
async function packageVersion(file: string, name: string): Promise<string> {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    try {
      const json = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (json.name === name) return typeof json.version === "string" ? json.version : "";
    } catch {
      // No package.json here, or not JSON: look further up.
    }
    if (path.dirname(dir) === dir) return "";
  }
}

function at(setting: PluginSetting) {
  return { file: CONFIG_FILE, position: { line: setting.line, column: setting.column } };
}

/** The first line of what was thrown: a plugin's error, for a diagnostic. */
export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message.split("\n")[0]! : String(e);
}
