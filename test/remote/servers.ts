/**
 * Real object-store servers for the remote tests, started as child processes on 127.0.0.1 and a
 * free port (s3rver for S3, Azurite for Azure Blob), and stopped — or killed, mid-stream — by the
 * tests. Nothing is downloaded: both are installed into test-tools/ (scripts/test-tools.mjs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { requireTestTool } from '../test-tools.js';
import { tempDir } from '../helpers.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** s3rver, Azurite and the cloud SDKs are test-only tools: installed into test-tools/ by `npm test`, not by `npm install`. */
const TEST_TOOLS = path.join(ROOT, 'test-tools');
/**
 * The folder the CLI runs in against a server: test-tools/ holds the cloud SDKs, and the CLI finds
 * an optional peer in the project it runs in, as `npx @dbt-tools/lint` does in a user's project.
 * Paths given to the CLI are absolute.
 */
export const PROJECT_WITH_SDKS = TEST_TOOLS;
export const BIN = path.join(ROOT, 'bin/dbt-tools-lint.js');
export const LEAKY_TARGET = path.join(ROOT, 'fixtures/jaffle-shop-leaky/target');

export interface Server {
  port: number;
  /** Environment that points the CLI's SDK at this server, with its credentials. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
  kill(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on port ${port} did not start`);
}

async function startChild(args: string[], port: number, env: NodeJS.ProcessEnv, dir: string): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: 'ignore', env: process.env });
  await waitForPort(port, child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  return { port, env, stop, kill: () => void child.kill('SIGKILL') };
}

/** s3rver: any access key works as S3RVER/S3RVER; the SDK finds it through AWS_ENDPOINT_URL_S3. */
export async function startS3(): Promise<Server> {
  const port = await freePort();
  const dir = tempDir('s3rver-');
  const env = {
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  };
  return startChild([path.join(TEST_TOOLS, 'node_modules/s3rver/bin/s3rver.js'), '-d', dir, '-a', '127.0.0.1', '-p', String(port), '--silent'], port, env, dir);
}

/** The part of @aws-sdk/client-s3 the tests fill buckets with (from test-tools/, out of the root install). */
interface S3TestSdk {
  S3Client: new (config: object) => { send(command: object): Promise<unknown> };
  CreateBucketCommand: new (input: { Bucket: string }) => object;
  PutObjectCommand: new (input: { Bucket: string; Key: string; Body: Buffer | string | Readable; ContentLength?: number }) => object;
}

/** A client of an s3rver started by startS3, to create buckets and put objects. */
export function s3Client(server: Server) {
  // the SDK warns under Node 20 that later releases need Node 22: not the tests' business
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { S3Client, CreateBucketCommand, PutObjectCommand } = requireTestTool('@aws-sdk/client-s3') as S3TestSdk;
  const client = new S3Client({
    endpoint: server.env.AWS_ENDPOINT_URL_S3!,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    // a streamed body would otherwise go as aws-chunked with a checksum trailer, which s3rver
    // stores as it came, chunk headers and all
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return {
    createBucket: (bucket: string) => client.send(new CreateBucketCommand({ Bucket: bucket })),
    put: (bucket: string, key: string, body: Buffer | string) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body })),
    /** A file streamed from disk, never whole in memory. */
    putFile: (bucket: string, key: string, file: string) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(file), ContentLength: statSync(file).size })),
  };
}

/** Azurite's well-known development account (published in its README). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number, key = AZURITE_KEY): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${key};BlobEndpoint=http://127.0.0.1:${port}/${AZURITE_ACCOUNT};`;
}

export async function startAzurite(): Promise<Server> {
  const port = await freePort();
  const dir = tempDir('azurite-');
  const env = { AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(port) };
  const bin = path.join(TEST_TOOLS, 'node_modules/azurite/dist/src/blob/main.js');
  return startChild([bin, '--blobHost', '127.0.0.1', '--blobPort', String(port), '-l', dir, '--silent', '--skipApiVersionCheck', '--loose'], port, env, dir);
}

/**
 * A relay on a free port of 127.0.0.1 in front of a server: once `afterBytes` of answers went
 * through it, the server is killed (SIGKILL) and every open connection dropped, as when a store
 * dies in the middle of a download.
 */
export async function killingRelay(server: Server, afterBytes: number): Promise<{ port: number; killed(): boolean; close(): void }> {
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
      if (relayed > afterBytes && !killed) {
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
  return { port, killed: () => killed, close: () => void relay.close() };
}

/** Every file under a folder, as [path relative to it, bytes]. */
export function filesUnder(dir: string): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push([path.relative(dir, full).split(path.sep).join('/'), readFileSync(full)]);
    }
  };
  walk(dir);
  return out;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A fingerprint key, as the CI job of a bucket audit runs with one (README: DBT_TOOLS_LINT_SALT from a
 * CI secret): guessable values then get an HMAC, not the slow hash, which took 0.85 s of CPU in every
 * scan of the leaky sample here. Remote and local scans both have it, so their fingerprints still
 * compare; the slow hash is fingerprint.test.ts's, and every local scan's.
 */
const AUDIT_KEY = { DBT_TOOLS_LINT_SALT: 'remote-tests-fingerprint-key' };

/**
 * The built CLI in a child process, in `cwd` (PROJECT_WITH_SDKS unless given), with only the given
 * environment (plus PATH and AUDIT_KEY, as runCliMeasured); killed after `timeout` ms (a hang guard).
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv, cwd = PROJECT_WITH_SDKS, timeout = 60_000): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: '/nonexistent', ...AUDIT_KEY, ...env },
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI's peak RSS in MiB (all its threads) for one run, with its result; killed after `timeout` ms (a hang guard). */
export function runCliMeasured(args: string[], env: NodeJS.ProcessEnv, timeout = 120_000): CliResult & { maxRssMiB: number } {
  const dir = tempDir('rss-');
  const file = path.join(dir, 'rss');
  const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'test/remote/max-rss.cjs'), BIN, ...args], {
    cwd: PROJECT_WITH_SDKS,
    env: { PATH: process.env.PATH, HOME: '/nonexistent', MAX_RSS_FILE: file, ...AUDIT_KEY, ...env },
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  const maxRssMiB = Number(readFileSync(file, 'utf8')) / 1024;
  rmSync(dir, { recursive: true, force: true });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, maxRssMiB };
}

/** The fields that identify a finding, with the artifact named relative to its folder. */
export function identity(findings: { ruleId: string; detectorId: string; file: string; start: unknown; end: unknown; charOffset: number; fingerprint: string; jsonPath: string }[], root: string) {
  return findings
    .map((f) => ({ ruleId: f.ruleId, detectorId: f.detectorId, file: f.file.slice(root.length), start: f.start, end: f.end, charOffset: f.charOffset, fingerprint: f.fingerprint, jsonPath: f.jsonPath }))
    .sort((a, b) => (a.file + a.fingerprint < b.file + b.fingerprint ? -1 : 1));
}
