/**
 * Loaded into every test process (.taprc, node-arg): the project's TypeScript compiled by esbuild on Node's loader
 * thread (./ts-hooks.mjs). Scripts the tests start as processes of their own keep tsx (`tsx scripts/docs.ts`).
 */
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
