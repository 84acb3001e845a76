import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Test data vendored from upstream (provenance: tests/fixtures/test-vectors/SOURCES.md). */
export const vectorsDir = fileURLToPath(new URL('../../fixtures/test-vectors/', import.meta.url));

export const readVector = (path: string): string => readFileSync(`${vectorsDir}${path}`, 'utf8');
export const readVectorJson = <T = Record<string, unknown>>(path: string): T => JSON.parse(readVector(path)) as T;
