/**
 * The 600 MB object (past the longest string V8 holds) on a real S3 server (s3rver on 127.0.0.1 and a free
 * port): streamed in bounded memory to its end, with a secret there; and a server that dies mid-stream (exit 2,
 * naming the object, no hang). s3.test.ts has the rest of the store's cases.
 */
import t from 'tap';
import { startS3Store } from './s3-store.js';
import { PAST_STRING_LIMIT, streamingSuite, uploadLarge } from './suite.js';

t.setTimeout(600_000);
const { server, store } = await startS3Store(t, 'acme-dbt');
const large = await uploadLarge(t, store, 'acme-dbt', PAST_STRING_LIMIT);

streamingSuite(t, store, server, 'acme-dbt', large);
