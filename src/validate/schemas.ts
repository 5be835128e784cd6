import { z } from "zod";

/**
 * Schemas of the curator's contract: `curio.config.yml` and the front matter of scoops,
 * topics and curators. Value checks that need context (dates in the site's time zone,
 * URL safety, known curators) are done by the validators, not here.
 */

/** Text: YAML reads `title: 1984` as a number; the curator meant text. */
const text = () => z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string());

/** A list of text values; a single text value is accepted as a list of one. */
const textList = () => z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(text()));

export const configSchema = z.object({
  title: text().default("Curio digest"),
  description: text().optional(),
  baseUrl: text().optional(),
  language: text().default("en"),
  timezone: text().default("UTC"),
  pageSize: z.number().int().min(1).max(1000).default(20),
  image: text().optional(),
  imageAlt: text().optional(),
  feeds: z
    .object({
      items: z.number().int().min(1).max(1000).default(50),
      link: z.enum(["page", "source"]).default("page"),
    })
    .default({ items: 50, link: "page" }),
});

export const curatorSchema = z.object({
  name: text(),
  url: text().optional(),
  avatar: text().optional(),
});

export const topicSchema = z.object({
  title: text(),
  description: text().optional(),
  audience: text().optional(),
  curators: textList().optional(),
  cta: z
    .object({
      text: text(),
      url: text().optional(),
      label: text().optional(),
    })
    .optional(),
});

export const commentSchema = z.object({
  author: text(),
  date: text(),
  text: text().default(""),
});

export const scoopSchema = z.object({
  title: text(),
  url: text().optional(),
  date: text(),
  curator: text().optional(),
  tags: textList().optional(),
  image: text().optional(),
  imageAlt: text().optional(),
  imageWidth: z.number().int().min(1).max(20000).optional(),
  imageHeight: z.number().int().min(1).max(20000).optional(),
  insight: text().optional(),
  published: text().optional(),
  via: z.object({ name: text(), url: text().optional() }).optional(),
  pinned: z.boolean().optional(),
  draft: z.boolean().optional(),
  comments: z.array(commentSchema).optional(),
  slug: text().optional(),
});

export type ConfigData = z.output<typeof configSchema>;
export type CuratorData = z.output<typeof curatorSchema>;
export type TopicData = z.output<typeof topicSchema>;
export type ScoopData = z.output<typeof scoopSchema>;
