import { parentPort } from "node:worker_threads";
import type { SourceFile } from "../load/read-sources.js";
import type { PluginRef } from "../load/markdown-plugins.js";
import { importPlugin } from "../load/markdown-plugins.js";
import type { SiteConfig } from "../model.js";
import type { MarkdownRenderer } from "../parse/markdown.js";
import { createMarkdownRenderer } from "../parse/markdown.js";
import { parseFileSafely } from "../parse/parse-file-safely.js";

/**
 * A batch of files to parse with a config and the config's markdown plugins (loaded here once);
 * the answer is their ParsedContent, in order.
 */
export interface ParseRequest {
  readonly id: number;
  readonly config: SiteConfig;
  readonly plugins: readonly PluginRef[];
  readonly files: readonly SourceFile[];
}

let renderer: { key: string; markdown: Promise<MarkdownRenderer> } | undefined;

/** The renderer for a request's settings: made once, and again only when they change. */
function rendererFor(request: ParseRequest): Promise<MarkdownRenderer> {
  const { origin, basePath, markdown } = request.config;
  const key = JSON.stringify([origin, basePath, markdown.gfm, request.plugins]);
  if (renderer?.key !== key) {
    const made = Promise.all(request.plugins.map(importPlugin)).then((plugins) =>
      createMarkdownRenderer(origin, basePath, { gfm: markdown.gfm, plugins }),
    );
    renderer = { key, markdown: made };
  }
  return renderer.markdown;
}

parentPort?.on("message", (request: ParseRequest) => {
  void rendererFor(request).then((markdown) => {
    const ctx = { config: request.config, markdown, plugins: request.plugins };
    const results = request.files.map((file) => parseFileSafely(file, ctx));
    parentPort!.postMessage({ id: request.id, results });
  });
});
