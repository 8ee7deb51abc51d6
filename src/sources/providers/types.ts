/** What the remote worker asks of an object store; one module per provider, each loading its SDK. */
import type { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  /** Last modified, in ms since the epoch. */
  modified: number;
}

/** A provider's error as we report it: its own code (NoSuchBucket, ContainerNotFound, 403) and the HTTP status. */
export interface StoreError {
  code: string;
  status: number | undefined;
}

export interface Provider {
  /** Every object whose key starts with `prefix`, in any order. */
  list(bucket: string, prefix: string): AsyncIterable<ObjectInfo>;
  /** The object's size and time; throws the provider's not-found error when there is none. */
  head(bucket: string, key: string): Promise<ObjectInfo>;
  /** Bytes [start, end) of the object, as a stream. */
  read(bucket: string, key: string, start: number, end: number): Promise<Readable>;
  errorOf(error: unknown): StoreError;
}

/** Timeouts every provider gets: no request may hang the scan. */
export const TIMEOUTS = { connectMs: 10_000, requestMs: 60_000 };

/** The code and status of an SDK error, from the fields SDKs commonly set. */
export function genericError(error: unknown, codeFields: readonly string[]): StoreError {
  const e = (error ?? {}) as Record<string, unknown>;
  const meta = e.$metadata as { httpStatusCode?: number } | undefined;
  const status = [e.statusCode, e.status, meta?.httpStatusCode, typeof e.code === 'number' ? e.code : undefined].find((v): v is number => typeof v === 'number');
  const code = codeFields.map((f) => e[f]).find((v): v is string => typeof v === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(v));
  return { code: code ?? (status ? `HTTP ${status}` : 'unknown error'), status };
}
