/**
 * Canaries: distinctive fake secrets, planted where each rule reads, so that any output that
 * carries one — whole, its tail, or one character of it beyond its public prefix — is a leak.
 */
import { manifest, runResults } from '../helpers.js';

export const CANARIES = {
  password: 'CANARY-7f3a-Pw-4c1e9b',
  github: 'ghp_CANARY7f3aQm8Xv2Lp9Rk4Tz6Wn1Yb5Hd3Jf',
  urlPassword: 'CANARY-7f3a-Url-8d2k',
  sql: 'CANARY-7f3a-Sql-3m9p',
  signature: 'CANARY7f3aSig0x9Qw2Er4Ty6Ui8Op',
  vars: 'CANARY-7f3a-Var-6t1w',
  /** A token pasted as a map key: it shows in the path of the finding below it. */
  keyToken: 'ghp_CANARYk3yT0k3nQm8Xv2Lp9Rk4Tz6Wn1Yb5H',
} as const;

const VALUES: readonly string[] = Object.values(CANARIES);

/** What a preview may show of a canary: the fixed prefix of its format (ghp_), nothing of the passwords. */
export function publicPart(canary: string): string {
  return canary.startsWith('ghp_') ? 'ghp_' : '';
}

/** The mask of previews. */
const MASK = '****';

/**
 * The canaries that `text` gives away: whole, by their last 10 characters, by their public prefix
 * and the 4 characters after it, or by any character of their secret part right before a mask.
 */
export function leakedCanaries(text: string): string[] {
  return VALUES.filter((c) => {
    const hidden = c.slice(publicPart(c).length);
    if (text.includes(c) || text.includes(c.slice(-10)) || text.includes(publicPart(c) + hidden.slice(0, 4))) return true;
    for (let k = 1; k <= 4; k++) if (text.includes(hidden.slice(0, k) + MASK)) return true;
    return false;
  });
}

export const PG_URL = `postgresql://loader:${CANARIES.urlPassword}@db.internal:5432/raw`;

/** A manifest with a canary in every place a manifest rule reads. */
export function canaryManifest(): Record<string, unknown> {
  return manifest(
    {
      nodes: {
        'model.shop.orders': {
          unique_id: 'model.shop.orders',
          resource_type: 'model',
          original_file_path: 'models/orders.sql',
          raw_code: `{{ config(materialized='table') }}\ncreate user loader password '${CANARIES.sql}';`,
          compiled_code: `select * from postgres_scan('${PG_URL}', 'public', 'orders')`,
          config: { meta: { DB_PASSWORD: CANARIES.password, connections: { [CANARIES.keyToken]: PG_URL } } },
          description: `Loaded by the CI bot (token ${CANARIES.github}).`,
        },
      },
      sources: {
        'source.shop.raw.events': {
          unique_id: 'source.shop.raw.events',
          resource_type: 'source',
          external: { location: `https://acct.blob.core.windows.net/raw/events?sv=2022-11-02&sr=c&sig=${CANARIES.signature}` },
        },
      },
    },
    { DB_PASSWORD: CANARIES.password, GITHUB_TOKEN: CANARIES.github },
  );
}

/** Run results with a canary in the CLI args, the compiled code and the error message. */
export function canaryRunResults(): Record<string, unknown> {
  return runResults(
    {
      args: { vars: { api_key: CANARIES.vars }, invocation_command: `dbt run --vars '{"db_password": "${CANARIES.vars}"}'` },
      results: [
        {
          unique_id: 'model.shop.orders',
          status: 'error',
          message: `Database Error: could not connect to ${PG_URL}`,
          compiled_code: `select * from postgres_scan('${PG_URL}', 'public', 'orders')`,
          adapter_response: {},
          timing: [],
          thread_id: 'Thread-1',
          execution_time: 0.1,
          failures: null,
        },
      ],
    },
    { DB_PASSWORD: CANARIES.password },
  );
}

/** Canaries added to any dbt artifact, in the places every kind has (metadata.env) and some kinds read. */
export function plantCanaries(document: Record<string, unknown>): Record<string, unknown> {
  const metadata = (document.metadata ?? {}) as Record<string, unknown>;
  const planted: Record<string, unknown> = { ...document, metadata: { ...metadata, env: { ...(metadata.env as object), DB_PASSWORD: CANARIES.password, GITHUB_TOKEN: CANARIES.github } } };
  if (Array.isArray(document.results)) {
    planted.results = [...document.results, { unique_id: 'model.x.y', status: 'error', message: `could not connect to ${PG_URL}` }];
  }
  if (typeof document.nodes === 'object' && document.nodes !== null && !Array.isArray(document.nodes)) {
    planted.nodes = { ...document.nodes, 'model.x.canary': { unique_id: 'model.x.canary', raw_code: `password '${CANARIES.sql}'`, description: CANARIES.github } };
  }
  return planted;
}
