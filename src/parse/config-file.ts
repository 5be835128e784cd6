import { CONFIG_FILE } from "../load/read-sources.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { error, warning } from "../diagnostics/diagnostic.js";
import type { PluginSetting, SiteConfig } from "../model.js";
import type { FrontMatter } from "./front-matter.js";
import { isKnownZone } from "../util/site-date.js";
import { closest } from "../util/closest.js";
import type { FieldLocator } from "./check-schema.js";
import { checkSchema, locate } from "./check-schema.js";
import { checkUrl, responseLinks } from "./field-checks.js";
import type { ConfigData } from "./schemas.js";
import { configSchema } from "./schemas.js";

/** ICU still lists some zones under their old names; suggest the current IANA names instead. */
const CURRENT_ZONE_NAMES: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Europe/Kiev": "Europe/Kyiv",
  "America/Godthab": "America/Nuuk",
  "Atlantic/Faeroe": "Atlantic/Faroe",
};

export { CONFIG_FILE };

/** Used when neither the config nor `--base-url` gives one: what `curio serve` listens on. */
export const DEFAULT_BASE_URL = "http://localhost:4173/";

/**
 * The domains reserved for examples (RFC 2606): `curio init` writes `https://example.org/`, and
 * a site published with one of them links its feeds and sitemap to nowhere.
 */
const PLACEHOLDER_DOMAINS = ["example.org", "example.com", "example.net"];

/** The config's plugin list as settings, each with where the config names it. */
function pluginSettings(
  list: ConfigData["markdown"]["remarkPlugins"],
  key: "remarkPlugins" | "rehypePlugins",
  where: FieldLocator,
): PluginSetting[] {
  return list.map((entry, i) => {
    const at = locate(where, `markdown.${key}.${i}`, "value");
    const [name, options] = typeof entry === "string" ? [entry, undefined] : entry;
    return {
      name,
      ...(options === undefined ? {} : { options }),
      line: at.line,
      column: at.column,
    };
  });
}

/** Whether a base URL's host is one of the example domains, or below one. */
function isPlaceholderHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return PLACEHOLDER_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
}

/**
 * Validates the parsed config (the whole YAML file, parsed like front matter) and applies
 * defaults and the `--base-url` override.
 */
export function validateConfig(
  parsed: Pick<FrontMatter, "data" | "positions"> | undefined,
  overrides: {
    baseUrl?: string | undefined;
    /** Keeps the base URL's path but serves it from this origin (`curio serve`'s own address). */
    previewOrigin?: string | undefined;
  },
): { config?: SiteConfig; diagnostics: Diagnostic[] } {
  const file = CONFIG_FILE;
  const where = {
    file,
    positions: parsed?.positions ?? new Map(),
    fallback: { line: 1, column: 1 },
  };
  const { value, diagnostics } = checkSchema(configSchema, parsed?.data ?? {}, where);
  if (!value) return { diagnostics };

  if (!isKnownZone(value.timezone)) {
    const zones = [...Intl.supportedValuesOf("timeZone"), ...Object.values(CURRENT_ZONE_NAMES)];
    const near = closest(value.timezone, zones);
    const guess = near === undefined ? undefined : (CURRENT_ZONE_NAMES[near] ?? near);
    diagnostics.push(
      error(
        "bad-timezone",
        `unknown time zone \`${value.timezone}\`${guess ? `: did you mean \`${guess}\`?` : ""}`,
        { file, position: locate(where, "timezone", "value") },
        "use an IANA time zone name such as Europe/Paris, Asia/Kolkata or UTC",
      ),
    );
  }
  try {
    new Intl.Locale(value.language);
  } catch {
    diagnostics.push(
      error(
        "bad-language",
        `\`${value.language}\` is not a language tag`,
        { file, position: locate(where, "language", "value") },
        "use a BCP 47 language tag such as en, en-GB or fr",
      ),
    );
  }

  const fromCli = overrides.baseUrl !== undefined;
  let raw = overrides.baseUrl ?? value.baseUrl;
  if (raw === undefined && overrides.previewOrigin === undefined) {
    diagnostics.push(
      warning(
        "missing-base-url",
        `no \`baseUrl\` is set, so feeds and the sitemap use ${DEFAULT_BASE_URL}`,
        parsed ? { file, position: { line: 1, column: 1 } } : {},
        "add `baseUrl: https://your.site/` to curio.config.yml, or pass --base-url",
      ),
    );
  }
  raw ??= DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) {
    diagnostics.push(
      error(
        "bad-base-url",
        `baseUrl \`${raw}\` is not an absolute http(s) URL`,
        fromCli ? {} : { file, position: locate(where, "baseUrl", "value") },
        "write it in full, e.g. https://example.org/ or https://example.org/digest/",
      ),
    );
    return { diagnostics };
  }
  if (overrides.previewOrigin === undefined && isPlaceholderHost(url.hostname)) {
    diagnostics.push(
      warning(
        "placeholder-base-url",
        `${fromCli ? "--base-url" : "`baseUrl`"} is \`${raw}\`, a placeholder address: feeds, the sitemap and canonical links would point at it`,
        fromCli ? {} : { file, position: locate(where, "baseUrl", "value") },
        "set your site's address: `baseUrl: https://your.site/` in curio.config.yml, or pass --base-url",
      ),
    );
  }
  const image =
    value.image === undefined
      ? undefined
      : checkUrl(value.image, "image", false, where, diagnostics);
  const responses = responseLinks(value, where, diagnostics);
  if (overrides.previewOrigin !== undefined) url = new URL(url.pathname, overrides.previewOrigin);
  const basePath = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  const config: SiteConfig = {
    title: value.title,
    ...(value.description === undefined ? {} : { description: value.description }),
    baseUrl: `${url.origin}${basePath}`,
    origin: url.origin,
    basePath,
    language: value.language,
    timezone: value.timezone,
    pageSize: value.pageSize,
    ...(image === undefined ? {} : { image }),
    ...(value.imageAlt === undefined ? {} : { imageAlt: value.imageAlt }),
    feeds: { items: value.feeds.items, link: value.feeds.link ?? value.cards.headline },
    cards: { headline: value.cards.headline, view: value.cards.view },
    ...responses,
    share: [...new Set(value.share)],
    excerptWords: value.excerptWords,
    images: { widths: [...new Set(value.images.widths)].sort((a, b) => a - b) },
    digest: value.digest === false ? "off" : value.digest,
    email: { unsubscribe: value.email.unsubscribe },
    search: value.search,
    ...(value.sources.length === 0
      ? {}
      : {
          sources: value.sources.map((s) => ({
            feed: s.feed,
            ...(s.topic === undefined ? {} : { topic: s.topic }),
          })),
        }),
    markdown: {
      gfm: value.markdown.gfm,
      remarkPlugins: pluginSettings(value.markdown.remarkPlugins, "remarkPlugins", where),
      rehypePlugins: pluginSettings(value.markdown.rehypePlugins, "rehypePlugins", where),
    },
    ...(value.defaults === undefined
      ? {}
      : {
          defaults: {
            ...(value.defaults.topic === undefined ? {} : { topic: value.defaults.topic }),
            ...(value.defaults.curator === undefined ? {} : { curator: value.defaults.curator }),
          },
        }),
  };
  return { config, diagnostics };
}
