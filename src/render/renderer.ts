import { digest } from "../util/digest.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error } from "../diagnostics/diagnostic.js";
import type { SiteIndex } from "../index/site-index.js";
import { createRouteSignatures } from "../plan/route-signature.js";
import type { IssueView, Route } from "../plan/routes.js";
import type { RenderedContent } from "../util/join-bytes.js";
import type { ExcerptStore } from "./excerpt-store.js";
import type { FeedMemo } from "./render-route.js";
import type { RenderContext } from "./render-route.js";
import { feedContext, renderRoute } from "./render-route.js";
import { issueBody } from "./digest-email.js";
import type { Theme } from "./theme.js";
import { TemplateError } from "./theme.js";
import type { ViewHelpers } from "./view-helpers.js";

/** What rendering needs: the index, the theme, and the files and excerpts pages read. */
export interface RendererInput {
  readonly index: SiteIndex;
  readonly theme: Theme;
  readonly helpers: ViewHelpers;
  /** Files copied as they are, by asset route name: theme assets and static files. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly excerpts: ExcerptStore;
  /**
   * Feed entries made by an earlier render of this site (`curio serve` keeps them between
   * patches, having dropped the edited scoops'); default: none yet.
   */
  readonly feedMemo?: FeedMemo | undefined;
  /** The digest of every content file's bytes, by path. */
  readonly versions: ReadonlyMap<string, string>;
  /**
   * A digest of everything any page may read besides its own data (Curio's version, the
   * config, the theme, every topic and curator).
   */
  readonly globals: string;
}

/** Renders routes one at a time, and says what each one's output depends on. */
export interface Renderer {
  /**
   * The route's content, or undefined when a template failed: the failure is added to
   * `diagnostics` (once per template, line and reason), so every failure is reported.
   */
  readonly render: (route: Route) => RenderedContent | undefined;
  /** A digest of everything a route's output depends on: equal signatures, equal output. */
  readonly signature: (route: Route) => string;
  /** Template failures met so far. */
  readonly diagnostics: Diagnostic[];
}

/** A renderer for one build (it memoizes feed entries and file digests for that build). */
export function createRenderer(input: RendererInput): Renderer {
  const { index, theme, helpers, files, versions, globals, excerpts } = input;
  const issueBodies = new WeakMap<IssueView, string>();
  const ctx: RenderContext = {
    index,
    theme,
    helpers,
    files,
    excerpts,
    feed: feedContext(index, helpers, excerpts, input.feedMemo, (issue) => {
      // An issue is in its digest's three feeds: its email is rendered once.
      let body = issueBodies.get(issue);
      if (body === undefined) issueBodies.set(issue, (body = issueBody(issue, ctx)));
      return body;
    }),
  };
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const render = (route: Route): RenderedContent | undefined => {
    try {
      return renderRoute(route, ctx);
    } catch (e) {
      if (!(e instanceof TemplateError))
        throw new Error(`while rendering ${route.url}: ${(e as Error).message}`, { cause: e });
      const key = `${e.template}:${e.line}:${e.reason}`;
      if (!seen.has(key)) {
        seen.add(key);
        diagnostics.push(
          error(
            e.code,
            `template \`${e.template}\` failed while rendering ${route.url}: ${e.reason}`,
            {
              file: e.file,
              ...(e.line === undefined ? {} : { position: { line: e.line, column: 1 } }),
            },
            e.hint ?? "fix the template expression on that line; `it.page` holds the page's data",
          ),
        );
      }
      return undefined;
    }
  };
  const routeSignature = createRouteSignatures(
    globals,
    (file) => versions.get(file),
    (tag) => index.tagBySlug.get(index.tagSlug(tag))?.name ?? tag,
  );
  const fileDigests = new Map<string, string>();
  const signature = (route: Route): string => {
    if (route.format !== "asset") return routeSignature(route);
    let d = fileDigests.get(route.name);
    if (d === undefined) {
      d = digest(files.get(route.name) ?? "");
      fileDigests.set(route.name, d);
    }
    return digest(`${globals}\u0000${route.outputPath}\u0000${d}`);
  };
  return { render, signature, diagnostics };
}
