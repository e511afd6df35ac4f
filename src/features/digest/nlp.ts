// The `compromise` language model (several megabytes) is loaded when text is first redacted, not at
// start-up: most processes (and most days) never redact anything. Its CommonJS build loads
// synchronously, so the redaction pipeline stays synchronous.
import { createRequire } from 'node:module';
import type nlp from 'compromise';

const require = createRequire(import.meta.url);
let loaded: typeof nlp | undefined;

export function compromise(): typeof nlp {
  loaded ??= require('compromise') as typeof nlp;
  return loaded;
}
