import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database with the demo seeded, on port 4000', () => {
    const config = loadConfig({});
    expect(config.database.mode).toBe('embedded');
    expect(config.seedDemo).toBe(true);
    expect(config.port).toBe(4000);
  });

  it('uses DATABASE_URL, with the demo off unless asked', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/yilian',
      YILIAN_SECRET: 'x'.repeat(32),
    });
    expect(config.database).toEqual({ mode: 'external', url: 'postgres://u:p@db:5432/yilian' });
    expect(config.seedDemo).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ DATABASE_URL: 'not a url', YILIAN_SECRET: 'x'.repeat(32) }, /DATABASE_URL is not a valid URL/],
    [{ DATABASE_URL: 'mysql://h/db', YILIAN_SECRET: 'x'.repeat(32) }, /must start with postgres/],
    [{ DATABASE_URL: 'postgres://h/db' }, /YILIAN_SECRET is required/],
    [{ YILIAN_SECRET: 'short' }, /at least 32 characters/],
    [{ YILIAN_DEMO: 'maybe' }, /YILIAN_DEMO must be 1 or 0/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
  ])('refuses %j with one clear sentence', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
