import path from "node:path";
import { readFile } from "node:fs/promises";
import { buildSite } from "../build.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { DEFAULT_UNSUBSCRIBE } from "../parse/schemas.js";
import type { EmailRoute } from "../plan/routes.js";
import { UserError } from "../util/user-error.js";
import { memoryWriter } from "../write/writer.js";
import { parseRecipients } from "./recipients.js";
import { addressKey, loadSentRecord, saveSentRecord, SENT_RECORD } from "./sent-record.js";

/** How to reach the mail server: from environment variables, never from the repository. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user?: string;
  readonly pass?: string;
  /** The sender: `Digest <digest@example.org>`. */
  readonly from: string;
  /** Where List-Unsubscribe and the email's unsubscribe link point (default: a mailto to `from`). */
  readonly unsubscribe?: string;
}

/** The environment variables `curio digest send` reads. */
export const SMTP_ENV = {
  host: "CURIO_SMTP_HOST",
  port: "CURIO_SMTP_PORT",
  secure: "CURIO_SMTP_SECURE",
  user: "CURIO_SMTP_USER",
  pass: "CURIO_SMTP_PASS",
  from: "CURIO_SMTP_FROM",
  unsubscribe: "CURIO_UNSUBSCRIBE",
} as const;

/** Reads the SMTP settings from the environment; names every variable that is missing or wrong. */
export function smtpFromEnv(env: Readonly<Record<string, string | undefined>>): SmtpSettings {
  const problems: string[] = [];
  const host = env[SMTP_ENV.host];
  const from = env[SMTP_ENV.from];
  if (!host) problems.push(`${SMTP_ENV.host} (the mail server, e.g. smtp.example.org)`);
  if (!from) problems.push(`${SMTP_ENV.from} (the sender, e.g. "Digest <digest@example.org>")`);
  const secure = env[SMTP_ENV.secure] === "true";
  const port = Number(env[SMTP_ENV.port] ?? (secure ? 465 : 587));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    problems.push(`${SMTP_ENV.port} (a port number, not ${JSON.stringify(env[SMTP_ENV.port])})`);
  if (problems.length > 0)
    throw new UserError(
      `cannot send: set ${problems.join(" and ")} in the environment (a CI secret), never in the repository`,
    );
  const user = env[SMTP_ENV.user];
  const pass = env[SMTP_ENV.pass];
  const unsubscribe = env[SMTP_ENV.unsubscribe];
  return {
    host: host!,
    port,
    secure,
    from: from!,
    ...(user ? { user } : {}),
    ...(pass ? { pass } : {}),
    ...(unsubscribe ? { unsubscribe } : {}),
  };
}

/** What to send. */
export interface SendRequest {
  readonly root: string;
  readonly topic: string;
  /** The issue (`2019-w16`); default the topic's newest. */
  readonly period?: string | undefined;
  /** The recipient list: one address per line (relative to `cwd`, as typed). */
  readonly to: string;
  /** Where a relative `to` is (default the root). */
  readonly cwd?: string | undefined;
  /** Print what would be sent, to whom; send nothing, record nothing. */
  readonly dryRun: boolean;
  readonly includeCurrent?: boolean | undefined;
  readonly now: number;
}

/** What a send did. */
export interface SendReport {
  readonly issue: string;
  readonly subject: string;
  /** Addresses sent to now. */
  readonly sent: readonly string[];
  /** Addresses the record says already have this issue. */
  readonly already: number;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Sends an issue of a topic's digest over SMTP, one message per recipient (multipart: the
 * issue's `email.html` and `email.txt`, with `List-Unsubscribe`), exactly as `curio build`
 * writes them. Each address sent to is recorded in `digest-sends.json` at once, so running it
 * again (a daily CI job, or after a failure half-way) never sends an issue to anyone twice.
 */
export async function sendDigest(
  request: SendRequest,
  smtp: SmtpSettings | undefined,
  log: (line: string) => void,
): Promise<SendReport> {
  const root = path.resolve(request.root);
  const recipients = parseRecipients(
    await readFile(path.resolve(request.cwd ?? root, request.to), "utf8").catch(
      (e: NodeJS.ErrnoException) => {
        throw new UserError(`cannot read the recipient list ${request.to}: ${e.code ?? e.message}`);
      },
    ),
    request.to,
  );
  const writer = memoryWriter();
  const built = await buildSite(
    {
      root,
      now: request.now,
      includeCurrent: request.includeCurrent ?? false,
      searchIndex: false,
    },
    { writer },
  );
  if (!built.ok || hasErrors(built.diagnostics) || !built.site)
    throw new UserError(
      "the digest has errors, so nothing was sent: run `curio check` to see them",
    );
  if (!built.site.index.topicById.has(request.topic))
    throw new UserError(
      `there is no topic \`${request.topic}\`: the topics are ${built.site.index.topics.map((t) => t.topic.id).join(", ")}`,
      2,
    );
  const emails = built.site.routes.filter(
    (r): r is EmailRoute => r.format === "email-html" && r.topic.id === request.topic,
  );
  if (emails.length === 0)
    throw new UserError(
      `topic \`${request.topic}\` has no digest issue yet (only complete weeks or months are issues; --include-current sends the one under way)`,
    );
  const html = emails.find((r) =>
    request.period === undefined ? true : r.issue.issue.period === request.period,
  );
  if (!html)
    throw new UserError(
      `topic \`${request.topic}\` has no issue ${request.period}: its issues are ${emails.map((r) => r.issue.issue.period).join(", ")}`,
    );
  const issueKey = `${request.topic}/${html.issue.issue.period}`;
  const subject = html.issue.title;
  const recordFile = path.join(root, SENT_RECORD);
  const record = await loadSentRecord(recordFile);
  const done = new Set(record.issues[issueKey] ?? []);
  const pending = recipients.filter((a) => !done.has(addressKey(a)));
  const report = (sent: string[]): SendReport => ({
    issue: issueKey,
    subject,
    sent,
    already: recipients.length - pending.length,
    diagnostics: built.diagnostics,
  });
  if (request.dryRun) {
    log(`would send “${subject}” (${issueKey}) to ${pending.length} of ${recipients.length}:`);
    for (const a of pending) log(`  ${a}`);
    return report([]);
  }
  if (pending.length === 0) return report([]);
  if (!smtp) throw new UserError("cannot send: no SMTP settings");

  const unsubscribe = smtp.unsubscribe ?? `mailto:${addressOf(smtp.from)}?subject=unsubscribe`;
  const placeholder = built.site.config.email.unsubscribe;
  const fill = (text: string, escape: boolean) =>
    placeholder === DEFAULT_UNSUBSCRIBE
      ? text.split(placeholder).join(escape ? escapeAttribute(unsubscribe) : unsubscribe)
      : text;
  const decoder = new TextDecoder();
  const htmlBody = fill(decoder.decode(writer.files.get(html.outputPath)), true);
  const textBody = fill(
    decoder.decode(writer.files.get(html.outputPath.replace(/email\.html$/, "email.txt"))),
    false,
  );
  // Loaded here, not with the module: only a send needs it (94 ms of every CLI start).
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? "" } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  const sent: string[] = [];
  try {
    for (const to of pending) {
      await transport.sendMail({
        from: smtp.from,
        to,
        subject,
        text: textBody,
        html: htmlBody,
        list: { unsubscribe: placeholder === DEFAULT_UNSUBSCRIBE ? unsubscribe : placeholder },
      });
      sent.push(to);
      (record.issues[issueKey] ??= []).push(addressKey(to));
      await saveSentRecord(recordFile, record);
      log(`sent to ${to}`);
    }
  } catch (e) {
    throw new UserError(
      `sending to ${pending[sent.length]} failed (${(e as Error).message}); ${sent.length} of ${pending.length} sent and recorded in ${SENT_RECORD}: run again to send the rest`,
    );
  } finally {
    transport.close();
  }
  return report(sent);
}

/** The address inside `Name <address>`, or the whole text. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
