// The problems a rejected terminal config lists, for tests of the config checks.
import { ConfigError, parseTerminalConfig } from '../../src-main/core/config.js';
import type { Language } from '../../src-shared/kiosk-api.js';
import { translatorFor } from '../../src-shared/messages/translator.js';

/** Parses `raw` as read from `file` and returns ConfigError's problems; throws if the config is accepted. */
export function configProblemsOf(raw: Record<string, unknown>, file: string, language: Language): string[] {
  try {
    parseTerminalConfig(raw, file, translatorFor(language));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}
