import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared, vendored test data (see ../shared/test-vectors/SOURCES.md). */
export const vectorsDir = fileURLToPath(new URL('../../../../shared/test-vectors/', import.meta.url));

export const readVector = (path: string): string => readFileSync(`${vectorsDir}${path}`, 'utf8');
export const readVectorJson = <T = Record<string, unknown>>(path: string): T => JSON.parse(readVector(path)) as T;
