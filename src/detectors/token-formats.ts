/**
 * Credential formats as data, in the manner of gitleaks' rule table: what a token looks like,
 * which literals must occur for its regex to be worth running, and samples that
 * `test/detectors/token-formats.test.ts` runs. `tokens.ts` turns each entry into a Detector.
 *
 * The rows live in one file per family under formats/; their shape and helpers in formats/define.ts.
 * Shapes come from the vendors' documentation (and peers' tables, where a vendor documents only a
 * prefix). A bare hex string or UUID never matches without a distinctive prefix or a context name:
 * dbt artifacts are full of checksums and ids.
 */
import { AI } from './formats/ai.js';
import { AUTOMATION } from './formats/automation.js';
import { CHAT } from './formats/chat.js';
import { CLOUD } from './formats/cloud.js';
import { DATA_STACK } from './formats/data-stack.js';
import type { FormatFamily, TokenFormat } from './formats/define.js';
import { FINANCE } from './formats/finance.js';
import { GENERIC } from './formats/generic.js';
import { INFRA } from './formats/infra.js';
import { OBSERVABILITY } from './formats/observability.js';
import { PAYMENTS } from './formats/payments.js';
import { SAAS } from './formats/saas.js';
import { SOCIAL } from './formats/social.js';
import { VCS } from './formats/vcs.js';

export type { FormatFamily, TokenFormat, TokenSample } from './formats/define.js';

/** In registry order: when two formats find the same secret, the earlier one wins. */
export const FORMAT_FAMILIES: readonly FormatFamily[] = [
  CLOUD,
  DATA_STACK,
  VCS,
  CHAT,
  PAYMENTS,
  FINANCE,
  AI,
  SAAS,
  SOCIAL,
  OBSERVABILITY,
  AUTOMATION,
  INFRA,
  GENERIC,
];

export const TOKEN_FORMATS: readonly TokenFormat[] = FORMAT_FAMILIES.flatMap((family) => family.formats);
