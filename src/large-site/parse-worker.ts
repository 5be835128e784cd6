import { parentPort } from "node:worker_threads";
import type { SourceFile } from "../load/read-sources.js";
import type { SiteConfig } from "../model.js";
import type { MarkdownRenderer } from "../parse/markdown.js";
import { createMarkdownRenderer } from "../parse/markdown.js";
import { parseFileSafely } from "../parse/parse-file-safely.js";

/** A batch of files to parse with a config; the answer is their ParsedContent, in order. */
export interface ParseRequest {
  readonly id: number;
  readonly config: SiteConfig;
  readonly files: readonly SourceFile[];
}

let renderer: { key: string; markdown: MarkdownRenderer } | undefined;

parentPort?.on("message", (request: ParseRequest) => {
  const key = `${request.config.origin}|${request.config.basePath}`;
  if (renderer?.key !== key) {
    renderer = {
      key,
      markdown: createMarkdownRenderer(request.config.origin, request.config.basePath),
    };
  }
  const ctx = { config: request.config, markdown: renderer.markdown };
  const results = request.files.map((file) => parseFileSafely(file, ctx));
  parentPort!.postMessage({ id: request.id, results });
});
