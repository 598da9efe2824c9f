// The renderer's Content-Security-Policy: the meta tag that Electron's file:// page relies on,
// and the header of the browser host, which must state the same policy plus frame-ancestors
// (a meta tag cannot set that directive).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/browser-host/http-responses.js';
import { REPO_ROOT } from '../helpers/cli.js';

function metaPolicy(): string {
  const html = readFileSync(path.join(REPO_ROOT, 'src-renderer', 'index.html'), 'utf8');
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match) throw new Error('src-renderer/index.html has no Content-Security-Policy meta tag');
  return match[1]!;
}

function directives(policy: string): string[] {
  return policy
    .split(';')
    .map((directive) => directive.trim().replace(/\s+/g, ' '))
    .filter((directive) => directive !== '');
}

describe('renderer Content-Security-Policy', () => {
  it('allows only our own scripts and styles', () => {
    const policy = directives(metaPolicy());

    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("img-src 'self' data:");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'none'");
    expect(metaPolicy()).not.toContain('unsafe-');
  });

  it('matches the browser host header', () => {
    const header = directives(CONTENT_SECURITY_POLICY);

    expect(header).toContain("frame-ancestors 'none'");
    expect(header.filter((directive) => !directive.startsWith('frame-ancestors '))).toEqual(directives(metaPolicy()));
  });
});
