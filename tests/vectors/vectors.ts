import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Published test vectors copied into the repository (see SOURCES.md beside this file). */
export const vectorsDir = fileURLToPath(new URL('./', import.meta.url));

export const readVector = (path: string): string => readFileSync(`${vectorsDir}${path}`, 'utf8');
export const readVectorJson = <T = Record<string, unknown>>(path: string): T => JSON.parse(readVector(path)) as T;
