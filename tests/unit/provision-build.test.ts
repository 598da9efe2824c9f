// The pure parts of `minsheng provision`. The option table matches the config schema. Option
// text becomes config values (paths relative to the config file, numbers, yes/no, the restart
// window), and each value that does not convert is named by its option.
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { TerminalConfigSchema } from '../../src-main/core/config.js';
import { buildConfig, PLACEHOLDER_PIN_HASH } from '../../src-main/core/provision/build-config.js';
import { optionOfField, PROVISION_OPTIONS } from '../../src-main/core/provision/options.js';
import { translatorFor } from '../../src-shared/messages/translator.js';

const t = translatorFor('en');
const WORK = path.resolve('/srv/technician');
const CONTEXT = { configDir: path.join(WORK, 'etc'), cwd: WORK, t };

/** Follows a dotted field through the schema's objects, past optional and default wrappers. */
function schemaAt(field: string): z.ZodType | undefined {
  let schema: z.ZodType | undefined = TerminalConfigSchema;
  for (const key of field.split('.')) {
    while (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) schema = schema.unwrap() as z.ZodType;
    schema = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>)[key] : undefined;
  }
  return schema;
}

describe('provision options', () => {
  it('each set a field of the config schema', () => {
    for (const option of PROVISION_OPTIONS) expect(schemaAt(option.field), option.name).toBeDefined();
    expect(schemaAt('no.such.field')).toBeUndefined();
  });

  it('have distinct names and fields', () => {
    expect(new Set(PROVISION_OPTIONS.map((option) => option.name)).size).toBe(PROVISION_OPTIONS.length);
    expect(new Set(PROVISION_OPTIONS.map((option) => option.field)).size).toBe(PROVISION_OPTIONS.length);
  });

  it('are found by a field inside theirs', () => {
    expect(optionOfField('sync.rootKeys.1')?.name).toBe('root-key');
    expect(optionOfField('watchdog.dailyRestart.from')?.name).toBe('restart-window');
    expect(optionOfField('sync.trust')?.name).toBe('trust');
    expect(optionOfField('admin.pinHash')).toBeUndefined();
  });
});

describe('buildConfig', () => {
  it('rewrites relative paths against the config file', () => {
    const built = buildConfig({ 'data-dir': 'data', trust: 'keys/publisher.pub', source: 'bundles' }, undefined, CONTEXT);

    expect(built.raw).toMatchObject({ dataDir: '../data', sync: { source: '../bundles', trust: '../keys/publisher.pub' } });
    expect(built.paths).toEqual({
      dataDir: path.join(WORK, 'data'),
      sourceFolder: path.join(WORK, 'bundles'),
      trust: path.join(WORK, 'keys/publisher.pub'),
    });
  });

  it('keeps absolute paths and normalises sources', () => {
    expect(buildConfig({ 'data-dir': '/var/lib/minsheng-kiosk' }, undefined, CONTEXT).raw['dataDir']).toBe('/var/lib/minsheng-kiosk');
    expect(buildConfig({ source: 'USB' }, undefined, CONTEXT).raw['sync']).toEqual({ source: 'usb' });
    expect(buildConfig({ source: 'file:///media/stick/bundles' }, undefined, CONTEXT).raw['sync']).toEqual({ source: '/media/stick/bundles' });
    expect(buildConfig({ source: 'https://county.example/b/' }, undefined, CONTEXT).raw['sync']).toEqual({ source: 'https://county.example/b/' });
  });

  it('converts numbers, yes/no, lists and windows', () => {
    const built = buildConfig(
      { 'idle-timeout': '120', printer: 'NO', 'touch-only': '是', allow: ['media', 'fullscreen'], 'restart-window': '23:30-00:30' },
      undefined,
      CONTEXT,
    );

    expect(built.problems).toEqual([expect.objectContaining({ option: 'trust' })]);
    expect(built.raw).toMatchObject({
      idle: { timeoutSeconds: 120 },
      printer: { enabled: false },
      kiosk: { touchOnly: true, permissions: ['media', 'fullscreen'] },
      watchdog: { dailyRestart: { from: '23:30', to: '00:30' } },
    });
  });

  it('names the option of each value that does not convert', () => {
    const built = buildConfig(
      { trust: 'k.pub', 'idle-timeout': '1.5', printer: 'maybe', 'restart-window': '03:00', source: 'smb://server/share', threshold: '2' },
      { pin: '234567', source: 'admin-pin-file' },
      CONTEXT,
    );

    expect(built.problems.map((problem) => problem.option).sort()).toEqual(['admin-pin-file', 'idle-timeout', 'printer', 'restart-window', 'source', 'threshold']);
    expect(built.raw['admin']).toBeUndefined();
    expect(JSON.stringify(built)).not.toContain('234567');
  });

  it('puts the placeholder hash first in admin', () => {
    const built = buildConfig({ trust: 'k.pub', 'admin-corner': 'top-right' }, { pin: '482915', source: 'prompt' }, CONTEXT);

    expect(built.problems).toEqual([]);
    expect(built.raw['admin']).toEqual({ pinHash: PLACEHOLDER_PIN_HASH, corner: 'top-right' });
    expect(Object.keys(built.raw['admin'] as object)[0]).toBe('pinHash');
  });
});
