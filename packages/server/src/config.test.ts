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

  it('reads the allowed origins and the limits, with defaults', () => {
    expect(loadConfig({}).corsOrigins).toEqual(['http://localhost:5173', 'http://localhost:4173']);
    expect(loadConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    const config = loadConfig({
      YILIAN_CORS_ORIGINS: ' https://his.example.org,http://10.1.2.3:8080 ',
      YILIAN_MAX_DEPTH: '8',
      YILIAN_RATE_LIMIT: '100',
      YILIAN_RATE_LIMIT_WINDOW_SECONDS: '60',
    });
    expect(config.corsOrigins).toEqual(['https://his.example.org', 'http://10.1.2.3:8080']);
    expect(config.limits.operation).toEqual({
      maxDepth: 8,
      maxAliases: 30,
      maxDirectives: 50,
      maxTokens: 5000,
      maxCost: 2_000_000,
    });
    expect(config.limits.operationsPerCredential).toEqual({ points: 100, windowSeconds: 60 });
    expect(config.limits.loginFailuresPerAccount).toEqual({ points: 10, windowSeconds: 900 });
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
    [{ YILIAN_CORS_ORIGINS: 'https://ok.example, his.example/path' }, /got "his.example\/path"/],
    [
      { YILIAN_CORS_ORIGINS: 'https://ok.example/' },
      /YILIAN_CORS_ORIGINS must be a comma-separated list of origins/,
    ],
    [{ YILIAN_MAX_DEPTH: '1' }, /YILIAN_MAX_DEPTH must be a whole number from 2 to 1000/],
    [{ YILIAN_RATE_LIMIT: '0' }, /YILIAN_RATE_LIMIT must be a whole number/],
  ])('refuses %j with one clear sentence', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
