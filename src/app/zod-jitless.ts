import { z } from 'zod';

/**
 * zod compiles fast object parsers with `new Function` when it may, and
 * probes for that with `Function('')`. Under the server's CSP (script-src
 * 'self', no 'unsafe-eval') the probe is a reported violation. Jitless parsing
 * is the same validation without eval. Imported first by main.tsx, before
 * anything parses.
 */
z.config({ jitless: true });
