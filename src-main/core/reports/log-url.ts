// Addresses as they may appear in logs and in the outbox's last_error: scheme, host, port and
// path only. A user name, password or query string could carry a secret, and logs are read by
// more people than the config.

/** Returns `value` without userinfo, query and fragment, or a placeholder when it is no URL. */
export function urlForLog(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** Replaces every http(s) URL inside a message, such as a fetch error, by its urlForLog form. */
export function redactUrls(message: string): string {
  return message.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (match) => urlForLog(match));
}
