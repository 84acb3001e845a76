// Injected into the CommonJS bundle in place of `import.meta.url` (see build.mjs):
// the URL of the bundle file the code ended up in.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
