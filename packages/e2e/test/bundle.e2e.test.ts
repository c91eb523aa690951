import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = resolve(import.meta.dirname, '..', '..', 'dashboard', 'dist');
const LIMIT_BYTES = 500 * 1024;

describe('the production dashboard build', () => {
  it('keeps what index.html loads first (the main bundle) under 500 KB gzipped', async () => {
    const html = await readFile(resolve(DIST, 'index.html'), 'utf8');
    const main = /<script[^>]+src="\/([^"]+\.js)"/.exec(html)?.[1];
    expect(main, 'index.html names its main script').toBeDefined();
    const gzipped = gzipSync(await readFile(resolve(DIST, main!))).length;
    console.log(`dashboard main bundle ${main}: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThan(LIMIT_BYTES);
  });
});
