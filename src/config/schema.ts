/**
 * The one schema of `.dbt-tools-lint.json`. Parsed with zod, then compiled (regexes, globs,
 * JSONPath) and checked for meaning in ./compile.ts. Its JSON Schema is exported for editors.
 */
import { z } from 'zod';
import { RULES } from '../rules/index.js';

const EMPTY = 'an empty list allows nothing: add entries or remove the key';

const severity = z.enum(['error', 'warning', 'note']);

export const ruleSetting = z.union([z.literal('off'), severity], { error: 'must be "off" or a severity ("error", "warning", "note")' }).describe('"off", or the severity to report this rule at');

export const detectorSetting = z.enum(['on', 'off']).describe('"off" disables the detector in every rule');

export const customDetector = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'a kebab-case id such as acme-api-token').describe('kebab-case id, unique among all detectors'),
    title: z.string().min(1).optional().describe('human name, shown in findings'),
    regex: z.string().min(1).describe('JavaScript regular expression source; the secret is the group named by secretGroup, else the whole match'),
    flags: z.string().regex(/^i?$/, 'only "i" (case-insensitive) is allowed').optional().describe('"i" for case-insensitive'),
    keywords: z.array(z.string().min(2)).min(1).describe('lower-case literals; the regex runs only on values that contain one'),
    entropy: z.number().min(0).max(8).optional().describe('minimum Shannon entropy (bits per character) of the secret'),
    secretGroup: z.union([z.string().min(1), z.number().int().min(1)]).optional().describe('the capture group (name or number) that holds the secret'),
    rules: z.array(z.string()).min(1).optional().describe('rules that apply this detector (default: every rule)'),
    examples: z
      .array(z.string().min(1))
      .min(1)
      .describe('strings that contain a secret of this kind: each must match at load time, so a pattern that can never match is refused'),
  })
  .strict();

/** The key an allowlist entry's object form holds the entry under: the list's name, singular. */
export const ALLOWLIST_ENTRY_KEY = { paths: 'path', nodes: 'node', jsonPaths: 'jsonPath', values: 'value', fingerprints: 'fingerprint' } as const;

/** What an allowlist entry's `expires` may be (read by expiryOf, as a node's meta suppression's is). */
export const EXPIRES_FORMAT = 'a day such as 2027-01-31 (held through its end, UTC) or an ISO time such as 2027-01-31T18:00:00Z';

/**
 * A list of allowlist entries: each the entry itself, or an object with it under `key`, the day or time it `expires` and
 * the `reason` it is accepted (as a node's meta suppression has them), for an exception the team accepts for a while.
 */
function allowlistEntries<K extends string>(key: K, entry: z.ZodString, description: string) {
  const lapsing = z
    .object({
      ...({ [key]: entry } as Record<K, z.ZodString>),
      expires: z.string({ error: EXPIRES_FORMAT }).min(1).describe(`${EXPIRES_FORMAT}; from then on the entry allowlists nothing`),
      reason: z.string().min(1).optional().describe('why it is accepted: the suppression\'s justification in the reports'),
    })
    .strict();
  return z.array(z.union([entry, lapsing], { error: `must be a string, or an object {"${key}": …, "expires": …}` })).min(1, EMPTY).optional().describe(`${description}; an entry may be {"${key}": …, "expires": "2027-01-31", "reason": "…"}`);
}

export const allowlist = z
  .object({
    paths: allowlistEntries(ALLOWLIST_ENTRY_KEY.paths, z.string().min(1), 'micromatch globs over artifact paths, as the run names them or from the config file\'s folder'),
    nodes: allowlistEntries(ALLOWLIST_ENTRY_KEY.nodes, z.string().min(1), 'dbt nodes: a unique_id glob (model.shop.legacy_*), package:NAME, or fqn:GLOB over the dotted fqn'),
    jsonPaths: allowlistEntries(ALLOWLIST_ENTRY_KEY.jsonPaths, z.string().min(1), 'JSONPath selectors (names, *, ..) of values never to report'),
    values: allowlistEntries(ALLOWLIST_ENTRY_KEY.values, z.string().min(1), 'regular expressions over the secret value'),
    fingerprints: allowlistEntries(ALLOWLIST_ENTRY_KEY.fingerprints, z.string().regex(/^[0-9a-f]{32}$/, 'a 32-hex finding fingerprint'), 'fingerprints of findings to accept'),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    extends: z.union([z.string().min(1), z.array(z.string().min(1))]).optional().describe('config file(s) to start from, relative to this file'),
    failOn: z.enum(['error', 'warning', 'note', 'none']).optional().describe('lowest severity that makes the exit code 1'),
    rules: z.record(z.string(), ruleSetting).optional().describe('per-rule setting, by rule id'),
    detectors: z.record(z.string(), detectorSetting).optional().describe('per-detector switch, by detector id or @group'),
    customDetectors: z.array(customDetector).optional(),
    allowlist: allowlist.optional(),
    salt: z.string().min(8).optional().describe('salt of the value hash in fingerprints and baselines; public once committed: set DBT_TOOLS_LINT_SALT (a CI secret) to keep fingerprints unguessable'),
    maxFileSize: z.number().int().positive().optional().describe('refuse artifacts larger than this many bytes'),
  })
  .strict();

export type ConfigFile = z.infer<typeof configSchema>;
export type CustomDetectorConfig = z.infer<typeof customDetector>;
export type AllowlistConfig = z.infer<typeof allowlist>;
export type AllowlistList = keyof typeof ALLOWLIST_ENTRY_KEY;

/** The JSON Schema for editors: the zod schema, with rule ids listed for completion (detector ids include custom ones). */
export function configJsonSchema(): unknown {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-7' }) as { properties: Record<string, Record<string, unknown>> };
  schema.properties.rules!.propertyNames = { enum: RULES.map((r) => r.id) };
  return { ...schema, title: 'dbt-tools-lint configuration' };
}
