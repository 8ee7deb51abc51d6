/**
 * s3:// roots against a real S3 server (s3rver on 127.0.0.1 and a free port): the cases every
 * store passes (suite.ts), then a large object streamed in bounded memory, and a server that dies
 * mid-stream (exit 2, naming the object, no hang).
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeManifest } from '../../bench/generate.js';
import { BIN, freePort, identity, PROJECT_WITH_SDKS, runCli, runCliMeasured, s3Client, startS3 } from './servers.js';
import { storeSuite, uploadRuns, type StoreUnderTest } from './suite.js';

t.setTimeout(600_000);
const server = await startS3();
t.teardown(() => server.stop());
const { put, createBucket } = s3Client(server);
await createBucket('acme-dbt');
const store: StoreUnderTest = {
  scheme: 's3',
  provider: 'S3',
  env: server.env,
  refusedEnv: { ...server.env, AWS_ACCESS_KEY_ID: 'NOT-A-KEY' },
  missingCode: 'NoSuchBucket',
  refusedCode: 'InvalidAccessKeyId',
  put,
};
const between = await uploadRuns(store, 'acme-dbt');

// Two manifests that only the streaming path reads (over the 8 MiB threshold), at two sizes: the
// peak memory of the scan may not grow with the object (an in-memory read would add its size).
const scratch = mkdtempSync(path.join(tmpdir(), 'remote-large-'));
t.teardown(() => rmSync(scratch, { recursive: true, force: true }));
const SMALL = 16 * 1024 * 1024;
const LARGE = 64 * 1024 * 1024;
for (const [name, bytes] of [['small', SMALL], ['large', LARGE]] as const) {
  const file = path.join(scratch, `${name}.json`);
  writeManifest({ file, bytes, seed: 7, secrets: 4 });
  await put('acme-dbt', `big/${name}/manifest.json`, readFileSync(file));
}

storeSuite(t, store, 'acme-dbt', between);

t.test('a large object is streamed: memory does not grow with its size', async (t) => {
  const small = runCliMeasured(['s3://acme-dbt/big/small/manifest.json', '--format', 'json', '--jobs', '1'], server.env);
  const large = runCliMeasured(['s3://acme-dbt/big/large/manifest.json', '--format', 'json', '--jobs', '1'], server.env);
  t.equal(large.code, 1, large.stderr);
  const localLarge = runCli([path.join(scratch, 'large.json'), '--format', 'json', '--jobs', '1'], {});
  t.same(identity(JSON.parse(large.stdout).findings, 's3://acme-dbt/big/large/manifest.json'), identity(JSON.parse(localLarge.stdout).findings, path.join(scratch, 'large.json')));
  const grew = large.maxRssMiB - small.maxRssMiB;
  t.comment(`peak RSS ${small.maxRssMiB.toFixed(0)} MiB at 16 MiB, ${large.maxRssMiB.toFixed(0)} MiB at 64 MiB`);
  // reading the object whole would add it at least twice (the bytes, then the text) and its tree
  t.ok(grew < 0.75 * ((LARGE - SMALL) / 1024 / 1024), `peak RSS grew by ${grew.toFixed(1)} MiB for 48 MiB more object`);
});

t.test('a server that dies mid-stream fails the run, naming the object, without hanging', async (t) => {
  // a relay in front of the server: once 4 MiB of the object went through, the server is killed
  const port = await freePort();
  const sockets = new Set<Socket>();
  let relayed = 0;
  let killed = false;
  const relay = createServer((inbound) => {
    const outbound = connect(server.port, '127.0.0.1');
    sockets.add(inbound).add(outbound);
    inbound.pipe(outbound);
    outbound.on('data', (chunk: Buffer) => {
      relayed += chunk.length;
      inbound.write(chunk);
      if (relayed > 4 * 1024 * 1024 && !killed) {
        killed = true;
        server.kill();
        for (const s of sockets) s.destroy();
      }
    });
    const drop = () => (inbound.destroy(), outbound.destroy());
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
  t.teardown(() => relay.close());
  const child = spawn(process.execPath, [BIN, 's3://acme-dbt/big/large/manifest.json', '--jobs', '1'], {
    cwd: PROJECT_WITH_SDKS,
    env: { PATH: process.env.PATH, HOME: '/nonexistent', ...server.env, AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  t.ok(killed, 'the server was killed during the download');
  t.equal(code, 2, stderr);
  t.match(stderr, /^dbt-tools-lint: s3:\/\/acme-dbt\/big\/large\/manifest\.json: reading the object failed part-way \(S3 \w+/);
  t.equal(stderr.split('\n').length, 2, 'one line');
});
