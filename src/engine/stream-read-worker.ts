/** The helper thread of ChunkReader: searches chunks for keywords and control characters, in file order. */
import { workerData } from 'node:worker_threads';
import { KeywordScanner } from './prefilter.js';
import { markChunk, type MarkRequest } from './stream-read.js';
import { serveSync } from './worker-sync.js';

const { memory, keywords } = workerData as { memory: SharedArrayBuffer; keywords: readonly string[] | undefined };
const scanner = keywords ? new KeywordScanner(keywords) : undefined;
const bytes = new Uint8Array(memory);

serveSync((request: MarkRequest) => {
  if (scanner && request.state !== undefined) scanner.state = request.state;
  const marks = markChunk(scanner, bytes, request.at, request.at + request.length);
  return { reply: { base: request.base, ...marks }, transfer: [marks.keywords.buffer as ArrayBuffer, marks.controls.buffer as ArrayBuffer] };
});
