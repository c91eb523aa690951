import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { printYilianSchema } from '../graphql/schema.js';

/** Writes the generated, sorted SDL to the repository's schema.graphql (`pnpm schema`). */
const target = resolve(import.meta.dirname, '..', '..', '..', '..', 'schema.graphql');
await writeFile(target, await printYilianSchema());
console.log(`wrote ${target}`);
