// Names the real cause of a failed request. fetch() rejects with a bare "fetch failed" and keeps
// the system error (connection refused, DNS, reset) in `cause`, which is what a technician on
// site needs to see. Also shapes errors for log lines without their stacks.

// System and undici codes a technician meets on a county network, in plain words.
const CAUSE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed for now (DNS)',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate cannot be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host name',
};

interface SystemErrorLike {
  message?: string;
  code?: string;
  address?: string;
  port?: number;
  hostname?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** The innermost cause that carries a code, or the deepest cause when none does. */
function rootCause(error: unknown): SystemErrorLike | null {
  let current = error as SystemErrorLike | null;
  let found: SystemErrorLike | null = null;
  for (let depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
    if (current !== error) found = current;
    if (typeof current.code === 'string' && current !== error) return current;
    current = (current.cause ?? null) as SystemErrorLike | null;
  }
  return found;
}

/**
 * Describes a failed request by its cause, e.g. "connection refused (ECONNREFUSED) at
 * 127.0.0.1:9"; falls back to the error's own message when it has no cause.
 */
export function describeNetworkError(error: unknown): string {
  const cause = rootCause(error);
  if (!cause) return (error as Error).message;

  // Connecting to a name with several addresses fails with an AggregateError; its parts hold them.
  const part = (cause.errors?.[0] ?? cause) as SystemErrorLike;
  const code = cause.code ?? part.code;
  const words = code ? CAUSE_WORDS[code] : undefined;
  let what = String(cause.message ?? part.message);
  if (code) what = `${words ?? what} (${code})`;

  if (part.address) return `${what} at ${part.address}${part.port === undefined ? '' : `:${part.port}`}`;
  if (part.hostname) return `${what} for ${part.hostname}`;
  return what;
}

/** Message, code and cause of an error for a log line; stacks go to debug lines only. */
export function errorFields(error: unknown): Record<string, string> {
  const fields: Record<string, string> = { message: (error as Error)?.message ?? String(error) };
  const code = (error as SystemErrorLike)?.code;
  if (typeof code === 'string') fields.code = code;

  const cause = rootCause(error);
  if (cause) {
    fields.cause = describeNetworkError(error);
    if (typeof cause.code === 'string') fields.causeCode = cause.code;
  }
  return fields;
}
