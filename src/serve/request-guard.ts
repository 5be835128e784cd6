import { networkInterfaces } from "node:os";

/** The names a browser on this machine uses for a server on the loopback interface. */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** Addresses that mean "every interface" to `listen`. */
const WILDCARDS = new Set(["", "0.0.0.0", "[::]"]);

/**
 * The host a `Host:` header names, canonical as browsers send it (lowercase, IPv6 in brackets,
 * no port); undefined when the header is missing or not a plain `host[:port]`.
 */
export function hostOfHeader(header: string | undefined): string | undefined {
  if (!header || !/^[^\s/?#@\\]+$/.test(header)) return undefined;
  try {
    return new URL(`http://${header}`).hostname;
  } catch {
    return undefined;
  }
}

/** A host as `listen` takes it (`::1`, `0.0.0.0`, `localhost`), canonical as `hostOfHeader` gives it. */
function canonicalBound(host: string): string {
  const bare = host.startsWith("[") ? host.slice(1, -1) : host;
  if (bare === "") return "";
  return hostOfHeader(bare.includes(":") ? `[${bare}]` : bare) ?? bare.toLowerCase();
}

/**
 * Decides which requests `curio serve` answers, by the host their `Host:` header names. A web
 * page can point a name of its own at 127.0.0.1 (DNS rebinding) and then read the preview,
 * drafts included, as its own origin; its requests still carry its own name, so only the
 * loopback names are answered, and the host the server was told to listen on. When it listens
 * on every interface (`--host 0.0.0.0`, to preview from a phone), this machine's own addresses
 * are answered too: a numeric address cannot be rebound. The port is not compared (a tunnel or
 * a container may forward another one).
 */
export function hostGuard(boundHost: string): {
  /** True when a request with this `Host:` header may be answered. */
  allows(header: string | undefined): boolean;
  /** Why a request was refused, for a 403 body. */
  readonly refusal: string;
} {
  const bound = canonicalBound(boundHost);
  const wildcard = WILDCARDS.has(bound);
  // The bound host itself too, even a wildcard: `curio serve` prints http://0.0.0.0:4173/ then.
  const named = new Set([...LOOPBACK_HOSTS, ...(bound ? [bound] : [])]);
  const list = [...named, ...(wildcard ? ["an address of this machine"] : [])];
  const names = `${list.slice(0, -1).join(", ")} or ${list.at(-1)!}`;
  return {
    allows(header) {
      const host = hostOfHeader(header);
      if (host === undefined) return false;
      return named.has(host) || (wildcard && interfaceAddresses().has(host));
    },
    refusal:
      "curio serve: refused a request addressed to another host (its Host header). The preview " +
      `answers only requests for ${names}: a Host naming any other site is how a web page ` +
      "reads a local server through DNS rebinding. Open the preview at one of those, or name " +
      "your host with --host.\n",
  };
}

/** This machine's addresses, as a `Host:` header names them (they change as networks come and go). */
function interfaceAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) out.add(a.family === "IPv6" ? `[${a.address}]` : a.address);
  }
  return out;
}

/**
 * A redirect target that stays on this server: a path starting with exactly one `/`. Leading
 * slashes, backslashes and blanks are collapsed, since a browser reads `//evil.example/` (and
 * `/\evil.example`) as another host; anything that would still leave the origin becomes `/`.
 */
export function sameOriginPath(target: string): string {
  const location = `/${target.replace(/^[\s/\\]+/, "")}`;
  const probe = new URL(location, "http://origin.invalid/");
  return probe.host === "origin.invalid" ? location : "/";
}
