/**
 * The credential formats the peer scanners define that have a shape of their own (a prefix, a
 * structure), written as facts: prefix, length, alphabet. Each is a template that `makeToken`
 * fills with fresh random characters, so no token here is a peer's sample or a real credential.
 *
 * Template: literal text, with `{c:N}` for N random characters of class c:
 *   a  A-Za-z0-9     l  a-z0-9     u  A-Z0-9     h  0-9a-f     H  0-9A-F     d  0-9
 *   x  a-z           b  A-Za-z0-9+/               w  A-Za-z0-9_- (base64url)
 *   z  A-Z2-7 (base32)   L  A-Za-z               C  bech32, upper case (age)
 *
 * `key`: a format with no distinctive prefix (a bare 32- or 64-character body) is a secret only
 * where its vendor is named; it is planted as `KEY=value`, the way the peers require a keyword
 * nearby. `word`: an ordinary identifier that holds the vendor's keyword inside it across a
 * camelCase boundary, for a decoy (`sumOfExposures` holds "sumo"). `decoys`: ordinary text where
 * the prefix is a common word or an ordinary name (`pk_orders`, `api-gateway-…`).
 */

export type Peer = 'gitleaks' | 'trufflehog' | 'detect-secrets' | 'secretlint';
export const PEERS: readonly Peer[] = ['gitleaks', 'trufflehog', 'detect-secrets', 'secretlint'];

export interface PeerShape {
  /** Our name for the format (not necessarily a registry id). */
  name: string;
  peers: readonly Peer[];
  /** The template, or a maker for a structure a template cannot say (a JWT's JSON header). */
  shape: string | ((rand: () => number) => string);
  /** The vendor's name a low-specificity value needs beside it. */
  key?: string;
  /** An ordinary identifier holding the key's keyword inside a word (decoy). */
  word?: string;
  /** Ordinary text that begins like the token: its prefix as a common word or name (decoys). */
  decoys?: readonly string[];
}

const G: Peer = 'gitleaks';
const T: Peer = 'trufflehog';
const D: Peer = 'detect-secrets';
const S: Peer = 'secretlint';

const CLASSES: Record<string, string> = {
  a: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  l: 'abcdefghijklmnopqrstuvwxyz0123456789',
  u: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  h: '0123456789abcdef',
  H: '0123456789ABCDEF',
  d: '0123456789',
  x: 'abcdefghijklmnopqrstuvwxyz',
  b: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  w: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  z: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  L: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  C: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
};

/** A small seeded generator: the same tokens on every run, none of them anyone's. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    s = (s ^ (s >>> 13)) >>> 0;
    return s / 2 ** 32;
  };
}

export function randomOf(cls: string, n: number, rand: () => number): string {
  const alphabet = CLASSES[cls];
  if (!alphabet) throw new Error(`unknown class ${cls}`);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

const SLOT = /\{([a-zA-Z]):(\d+)\}/g;

/** The template filled with random characters. */
export function makeToken(shape: PeerShape['shape'], rand: () => number): string {
  if (typeof shape === 'function') return shape(rand);
  return shape.replace(SLOT, (_, cls: string, n: string) => randomOf(cls, Number(n), rand));
}

/** The template with every random slot filled with `fill` (a placeholder a person writes). */
export function placeholderOf(shape: PeerShape['shape']): string | undefined {
  if (typeof shape === 'function') return undefined;
  return shape.replace(SLOT, (_, _cls: string, n: string) => 'X'.repeat(Number(n)));
}

/** The literal the template begins with (its prefix), '' when it begins with a random slot. */
export function prefixOf(shape: PeerShape['shape']): string {
  if (typeof shape === 'function') return '';
  const at = shape.search(SLOT);
  return at < 0 ? shape : shape.slice(0, at);
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function jwt(rand: () => number): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: randomOf('l', 12, rand), iat: 1767225600 + Math.floor(rand() * 1e6), role: 'loader' }));
  return `${header}.${payload}.${randomOf('w', 43, rand)}`;
}

function sentryOrgToken(rand: () => number): string {
  const claims = { iat: 1767225600 + Math.floor(rand() * 1e6), url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: `org-${randomOf('x', 6, rand)}` };
  return `sntrys_${Buffer.from(JSON.stringify(claims)).toString('base64').replace(/=+$/, '')}_${randomOf('b', 43, rand)}`;
}

function pem(rand: () => number): string {
  const body = `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${randomOf('b', 224, rand)}`;
  const lines = body.match(/.{1,64}/g)!;
  return ['-----BEGIN PRIVATE KEY-----', ...lines, '-----END PRIVATE KEY-----'].join('\n');
}

/** A Discord token: the account id (a snowflake, 17 to 19 digits) in base64url, a timestamp, an HMAC. */
function discordToken(rand: () => number): string {
  const id = `${1 + Math.floor(rand() * 9)}${randomOf('d', 16 + Math.floor(rand() * 3), rand)}`;
  return `${base64url(id)}.${randomOf('w', 6, rand)}.${randomOf('w', rand() < 0.5 ? 27 : 38, rand)}`;
}

export function uuid(rand: () => number): string {
  return `${randomOf('h', 8, rand)}-${randomOf('h', 4, rand)}-4${randomOf('h', 3, rand)}-a${randomOf('h', 3, rand)}-${randomOf('h', 12, rand)}`;
}

/** A JWT in base64 (a header carried in an environment variable or a config file, encoded once more). */
function jwtBase64(rand: () => number): string {
  return Buffer.from(jwt(rand)).toString('base64');
}

/** A Bedrock short-term key: a fixed base64 of the service host, then a presigned request in base64. */
function bedrockShortTerm(rand: () => number): string {
  return `bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t${randomOf('b', 240, rand)}`;
}

/** A Google service account's key file, as a JSON string (what trufflehog reads whole). */
function gcpServiceAccount(rand: () => number): string {
  const key = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${randomOf('b', 180, rand)}\n-----END PRIVATE KEY-----\n`;
  return JSON.stringify({
    type: 'service_account', project_id: 'acme-data', private_key_id: randomOf('h', 40, rand), private_key: key,
    client_email: 'loader@acme-data.iam.gserviceaccount.com', client_id: randomOf('d', 21, rand), auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token', auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
  });
}

export const SHAPES: readonly PeerShape[] = [
  // cloud
  { name: 'aws-access-key-id', peers: [G, T, D, S], shape: 'AKIA{z:16}' },
  { name: 'aws-session-key-id', peers: [G, T], shape: 'ASIA{z:16}' },
  { name: 'aws-secret-access-key', peers: [G, D, S], shape: '{b:40}', key: 'AWS_SECRET_ACCESS_KEY', word: 'awsSecretAccessKeyRotatedAt' },
  { name: 'aws-bedrock-api-key', peers: [G], shape: 'ABSK{b:132}' },
  { name: 'gcp-api-key', peers: [G, T, S], shape: 'AIza{w:35}' },
  { name: 'google-oauth-access-token', peers: [T], shape: 'ya29.{w:120}' },
  { name: 'azure-ad-client-secret', peers: [G, T], shape: '{a:3}8Q~{a:34}' },
  { name: 'azure-storage-account-key', peers: [T, D], shape: 'DefaultEndpointsProtocol=https;AccountName=lake;AccountKey={b:86}==;EndpointSuffix=core.windows.net' },
  { name: 'azure-app-config-connection-string', peers: [T], shape: 'Endpoint=https://acme-cfg.azconfig.io;Id={a:4}-l0-s0:{a:20};Secret={b:43}=' },
  { name: 'alibaba-access-key-id', peers: [G, T], shape: 'LTAI{a:20}' },
  { name: 'tencent-secret-id', peers: [T], shape: 'AKID{a:32}' },
  { name: 'aws-appsync-api-key', peers: [T], shape: 'da2-{l:26}' },
  { name: 'azure-container-registry-password', peers: [T], shape: '{b:42}+ACR{a:6}' },
  { name: 'databricks-token', peers: [G, T, S], shape: 'dapi{h:32}' },
  { name: 'digitalocean-pat', peers: [G, T], shape: 'dop_v1_{h:64}' },
  { name: 'digitalocean-oauth-token', peers: [G, T], shape: 'doo_v1_{h:64}' },
  { name: 'digitalocean-refresh-token', peers: [G, T], shape: 'dor_v1_{h:64}' },
  { name: 'heroku-api-key-v2', peers: [G, T], shape: 'HRKU-AA{w:58}' },
  { name: 'heroku-api-key', peers: [G], shape: uuid, key: 'HEROKU_API_KEY', word: 'herokuAppIdentifier' },
  { name: 'cloudflare-origin-ca-key', peers: [G, T], shape: 'v1.0-{h:24}-{h:146}' },
  { name: 'cloudflare-global-api-key-v2', peers: [T], shape: 'cfk_{a:40}{h:8}' },
  { name: 'terraform-cloud-token', peers: [G, T], shape: '{l:14}.atlasv1.{a:67}' },
  { name: 'openshift-user-token', peers: [G], shape: 'sha256~{w:43}' },
  { name: 'scalingo-api-token', peers: [G], shape: 'tk-us-{w:48}' },
  { name: 'flyio-access-token', peers: [G], shape: 'fo1_{w:43}' },
  { name: 'vercel-token', peers: [S], shape: 'vcp_{a:56}' },
  { name: 'yandex-api-key', peers: [G], shape: 'AQVN{w:36}', key: 'YANDEX_API_KEY' },
  { name: 'yandex-aws-access-token', peers: [G], shape: 'YC{w:38}', key: 'YANDEX_ACCESS_KEY' },
  { name: 'ibm-cloud-iam-key', peers: [D], shape: '{w:44}', key: 'IBM_CLOUD_IAM_API_KEY', word: 'ibmCloudIamApiKeyRotatedAt' },
  { name: 'ibm-cos-hmac-secret', peers: [D], shape: '{h:48}', key: 'IBM_COS_SECRET_ACCESS_KEY' },
  { name: 'softlayer-api-key', peers: [D], shape: '{l:64}', key: 'SOFTLAYER_API_KEY' },
  { name: 'cloudant-password', peers: [D], shape: '{h:64}', key: 'CLOUDANT_PASSWORD' },
  // data stack and infrastructure
  { name: 'planetscale-token', peers: [G, T], shape: 'pscale_tkn_{w:43}' },
  { name: 'planetscale-oauth-token', peers: [G], shape: 'pscale_oauth_{w:43}' },
  { name: 'planetscale-password', peers: [G, T], shape: 'pscale_pw_{w:43}' },
  { name: 'supabase-access-token', peers: [T], shape: 'sbp_{h:40}' },
  { name: 'clickhouse-cloud-api-secret', peers: [G], shape: '4b1d{a:38}' },
  { name: 'doppler-token', peers: [G, T], shape: 'dp.pt.{a:43}' },
  { name: 'doppler-service-token', peers: [T], shape: 'dp.st.prd.{a:40}' },
  { name: 'doppler-scim-token', peers: [T], shape: 'dp.scim.{a:43}' },
  { name: 'vault-service-token', peers: [G, T, S], shape: 'hvs.{w:95}' },
  { name: 'vault-batch-token', peers: [G, S], shape: 'hvb.{w:140}' },
  { name: 'vault-recovery-token', peers: [S], shape: 'hvr.{w:95}' },
  { name: 'pulumi-access-token', peers: [G, T], shape: 'pul-{h:40}' },
  { name: 'prefect-api-token', peers: [G, T], shape: 'pnu_{a:36}' },
  { name: 'tailscale-key', peers: [T], shape: 'tskey-api-{a:12}CNTRL-{a:32}' },
  { name: 'onepassword-service-account-token', peers: [G, S], shape: 'ops_eyJ{b:260}' },
  { name: 'onepassword-secret-key', peers: [G], shape: 'A3-{u:6}-{u:11}-{u:5}-{u:5}-{u:5}' },
  { name: 'age-secret-key', peers: [G], shape: 'AGE-SECRET-KEY-1{C:58}' },
  { name: 'private-key', peers: [G, T, D, S], shape: pem },
  { name: 'jwt', peers: [G, T, D], shape: jwt },
  { name: 'url-password', peers: [T, D, S], shape: 'postgresql://loader:{a:18}@warehouse.internal:5432/analytics' },
  { name: 'mongodb-srv-password', peers: [T, S], shape: 'mongodb+srv://etl:{a:20}@cluster0.ab1cd.mongodb.net/raw' },
  { name: 'redis-url-password', peers: [T], shape: 'redis://default:{a:24}@cache.internal:6379/0' },
  { name: 'amqp-url-password', peers: [T], shape: 'amqps://events:{a:20}@mq.internal:5671/vhost' },
  // version control and packages
  { name: 'github-classic-pat', peers: [G, T, D, S], shape: 'ghp_{a:36}' },
  { name: 'github-oauth-token', peers: [G, T, D], shape: 'gho_{a:36}' },
  { name: 'github-user-to-server-token', peers: [G, T, D], shape: 'ghu_{a:36}' },
  { name: 'github-server-to-server-token', peers: [G, T, D], shape: 'ghs_{a:36}' },
  { name: 'github-refresh-token', peers: [G, T, D], shape: 'ghr_{a:36}' },
  { name: 'github-fine-grained-pat', peers: [G, T, S], shape: 'github_pat_11{u:20}_{a:59}' },
  { name: 'gitlab-pat', peers: [G, T, D, S], shape: 'glpat-{w:20}' },
  { name: 'gitlab-pat-routable', peers: [G, T], shape: 'glpat-{w:36}.01{l:7}' },
  { name: 'gitlab-deploy-token', peers: [G, D], shape: 'gldt-{w:20}' },
  { name: 'gitlab-feed-token', peers: [G, D], shape: 'glft-{w:20}' },
  { name: 'gitlab-scim-token', peers: [G, D], shape: 'glsoat-{w:20}' },
  { name: 'gitlab-runner-token', peers: [G, D], shape: 'glrt-{w:20}' },
  { name: 'gitlab-runner-authentication-token-routable', peers: [G], shape: 'glrt-t1_{w:27}.01{l:7}' },
  { name: 'gitlab-runner-registration-token', peers: [G, D], shape: 'GR1348941{w:20}' },
  { name: 'gitlab-cicd-job-token', peers: [G, D], shape: 'glcbt-{a:2}_{w:20}' },
  { name: 'gitlab-incoming-mail-token', peers: [G, D], shape: 'glimt-{w:25}' },
  { name: 'gitlab-pipeline-trigger-token', peers: [G, D], shape: 'glptt-{h:40}' },
  { name: 'gitlab-kubernetes-agent-token', peers: [G, D], shape: 'glagent-{w:50}' },
  { name: 'gitlab-oauth-app-secret', peers: [G, T, D], shape: 'gloas-{h:64}' },
  { name: 'gitlab-feature-flag-client-token', peers: [G], shape: 'glffct-{w:20}' },
  { name: 'npm-token', peers: [G, T, D, S], shape: 'npm_{a:36}' },
  { name: 'pypi-token', peers: [G, T, D], shape: 'pypi-AgEIcHlwaS5vcmcCJ{w:152}' },
  { name: 'rubygems-api-token', peers: [G, T], shape: 'rubygems_{h:48}' },
  { name: 'clojars-api-token', peers: [G], shape: 'CLOJARS_{l:60}' },
  { name: 'docker-hub-pat', peers: [T, S], shape: 'dckr_pat_{w:27}' },
  { name: 'artifactory-api-key', peers: [G, T, D], shape: 'AKCp{a:69}' },
  { name: 'artifactory-reference-token', peers: [G, T], shape: 'cmVmdGtuOjAxOj{a:50}' },
  { name: 'postman-api-key', peers: [G, T], shape: 'PMAK-{h:24}-{h:34}' },
  { name: 'readme-api-token', peers: [G, T], shape: 'rdme_{l:70}' },
  { name: 'sourcegraph-access-token', peers: [G, T], shape: 'sgp_{h:16}_{h:40}' },
  { name: 'sourcegraph-cody-token', peers: [T], shape: 'slk_{h:64}' },
  { name: 'octopus-deploy-api-key', peers: [G, T], shape: 'API-{u:26}' },
  { name: 'infracost-api-token', peers: [G], shape: 'ico-{a:32}' },
  { name: 'harness-api-key', peers: [G, T], shape: 'pat.{w:22}.{a:24}.{a:20}' },
  { name: 'buildkite-token', peers: [T], shape: 'bkua_{l:40}' },
  { name: 'circleci-pat', peers: [T], shape: 'CCIPAT_{a:22}_{h:40}' },
  { name: 'sonarcloud-token', peers: [T], shape: 'sqco_{a:59}' },
  { name: 'bitbucket-app-password', peers: [T], shape: 'ATBB{a:32}{H:8}' },
  { name: 'atlassian-datacenter-pat', peers: [T], shape: 'BBDC-{a:44}' },
  { name: 'atlassian-api-token', peers: [G, T], shape: 'ATATT3xFfGF0{w:171}={H:8}' },
  { name: 'atlassian-admin-api-key', peers: [T], shape: 'ATCTT3xFfG{w:130}={H:8}' },
  // chat
  { name: 'slack-bot-token', peers: [G, T, D, S], shape: 'xoxb-{d:11}-{d:13}-{a:24}' },
  { name: 'slack-user-token', peers: [G, T, D, S], shape: 'xoxp-{d:11}-{d:11}-{d:13}-{h:32}' },
  { name: 'slack-legacy-bot-token', peers: [G], shape: 'xoxb-{d:10}-{a:24}' },
  { name: 'slack-app-token', peers: [G, S], shape: 'xapp-1-A{u:10}-{d:13}-{h:64}' },
  { name: 'slack-webhook-url', peers: [G, T, D, S], shape: 'https://hooks.slack.com/services/T{u:8}/B{u:10}/{a:24}' },
  { name: 'discord-webhook-url', peers: [T], shape: 'https://discord.com/api/webhooks/{d:18}/{w:68}' },
  {
    name: 'discord-bot-token',
    peers: [D],
    shape: discordToken,
    // upper-case SQL names and base64 that does not decode to an id's digits
    decoys: ['ODS.ORDERS_DAILY_SNAPSHOT_V2.NTILE_BUCKET_OF_CUSTOMER_VALUE', 'MTZhYmNkZWZnaGlqa2xtbm9wcXI.Qm9va3.c2VjdGlvbl9vZl90aGVfZG9jdW1lbnQ'],
  },
  { name: 'microsoft-teams-webhook-url', peers: [G, T], shape: 'https://acme.webhook.office.com/webhookb2/{h:8}-{h:4}-{h:4}-{h:4}-{h:12}@{h:8}-{h:4}-{h:4}-{h:4}-{h:12}/IncomingWebhook/{h:32}/{h:8}-{h:4}-{h:4}-{h:4}-{h:12}' },
  { name: 'telegram-bot-token', peers: [G, T, D], shape: '{d:10}:AA{w:33}', key: 'TELEGRAM_BOT_TOKEN' },
  { name: 'zapier-webhook-url', peers: [T], shape: 'https://hooks.zapier.com/hooks/catch/{d:7}/{l:6}/' },
  // payments and finance
  { name: 'stripe-secret-key', peers: [G, T, D], shape: 'sk_live_{a:99}' },
  { name: 'stripe-restricted-key', peers: [G, T, D], shape: 'rk_live_{a:99}' },
  { name: 'stripe-payment-intent-secret', peers: [T], shape: 'pi_{a:24}_secret_{a:25}', decoys: ['pi_controller_secret_sharing_notes', 'api_gateway_secret_rotation_2024'] },
  { name: 'square-access-token', peers: [G, T], shape: 'EAAA{w:60}' },
  { name: 'square-oauth-secret', peers: [G, T, D], shape: 'sq0csp-{w:43}' },
  { name: 'shopify-access-token', peers: [G, T, S], shape: 'shpat_{h:32}' },
  { name: 'shopify-custom-access-token', peers: [G], shape: 'shpca_{h:32}' },
  { name: 'shopify-private-app-token', peers: [G, T], shape: 'shppa_{h:32}' },
  { name: 'shopify-shared-secret', peers: [G, T], shape: 'shpss_{h:32}' },
  { name: 'easypost-api-token', peers: [G], shape: 'EZAK{a:54}' },
  { name: 'easypost-test-api-token', peers: [G], shape: 'EZTK{a:54}' },
  { name: 'duffel-api-token', peers: [G, T], shape: 'duffel_live_{w:43}' },
  { name: 'flutterwave-secret-key', peers: [T], shape: 'FLWSECK-{h:32}-X' },
  { name: 'flutterwave-test-secret-key', peers: [G], shape: 'FLWSECK_TEST-{h:32}-X' },
  { name: 'shippo-api-token', peers: [G, T], shape: 'shippo_live_{h:40}' },
  { name: 'razorpay-key-pair', peers: [T], shape: 'rzp_live_{a:14}:{a:24}' },
  { name: 'razorpay-key-secret', peers: [T], shape: '{a:24}', key: 'RAZORPAY_KEY_SECRET' },
  { name: 'ramp-client-secret', peers: [T], shape: 'ramp_sec_{a:48}' },
  { name: 'pagarme-api-key', peers: [T], shape: 'ak_live_{a:30}' },
  { name: 'paystack-secret-key', peers: [T], shape: 'sk_live_{a:40}' },
  { name: 'plaid-access-token', peers: [G, T], shape: 'access-production-{h:8}-{h:4}-{h:4}-{h:4}-{h:12}', key: 'PLAID_ACCESS_TOKEN' },
  { name: 'mailchimp-api-key', peers: [G, T, D], shape: '{h:32}-us{d:2}', key: 'MAILCHIMP_API_KEY' },
  // AI
  { name: 'openai-project-key', peers: [G, T, S], shape: 'sk-proj-{w:74}T3BlbkFJ{w:74}' },
  { name: 'openai-legacy-key', peers: [G, T, D], shape: 'sk-{a:20}T3BlbkFJ{a:20}' },
  { name: 'openai-admin-key', peers: [G, T], shape: 'sk-admin-{w:58}T3BlbkFJ{w:58}' },
  { name: 'anthropic-api-key', peers: [G, T, S], shape: 'sk-ant-api03-{w:93}AA' },
  { name: 'anthropic-admin-key', peers: [G, T], shape: 'sk-ant-admin01-{w:93}AA' },
  { name: 'huggingface-token', peers: [G, T, S], shape: 'hf_{L:34}' },
  { name: 'huggingface-org-token', peers: [G, T], shape: 'api_org_{L:34}' },
  { name: 'groq-api-key', peers: [T, S], shape: 'gsk_{a:52}' },
  { name: 'perplexity-api-key', peers: [G], shape: 'pplx-{a:48}' },
  { name: 'xai-api-key', peers: [T], shape: 'xai-{a:80}' },
  { name: 'replicate-api-token', peers: [T], shape: 'r8_{a:37}' },
  { name: 'openrouter-api-key', peers: [T], shape: 'sk-or-v1-{h:64}' },
  { name: 'nvidia-api-key', peers: [T], shape: 'nvapi-{w:64}' },
  { name: 'langsmith-api-key', peers: [T], shape: 'lsv2_pt_{h:32}_{h:10}' },
  { name: 'langfuse-secret-key', peers: [T], shape: 'sk-lf-{h:8}-{h:4}-4{h:3}-8{h:3}-{h:12}' },
  { name: 'pinecone-api-key', peers: [T], shape: 'pcsk_{a:6}_{a:63}' },
  { name: 'cohere-api-key', peers: [G], shape: '{a:40}', key: 'CO_API_KEY', word: 'coherenceScoreKey' },
  // SaaS
  { name: 'sendgrid-api-key', peers: [G, T, D, S], shape: 'SG.{w:22}.{w:43}' },
  { name: 'sendinblue-api-token', peers: [G, T], shape: 'xkeysib-{h:64}-{a:16}' },
  { name: 'twilio-api-key', peers: [G, T, D], shape: 'SK{h:32}', key: 'TWILIO_API_KEY' },
  { name: 'mailgun-api-key', peers: [G, T], shape: 'key-{h:32}', key: 'MAILGUN_API_KEY' },
  { name: 'linear-api-key', peers: [G, T, S], shape: 'lin_api_{a:40}' },
  { name: 'notion-token', peers: [G, S], shape: 'ntn_{d:11}{a:35}' },
  { name: 'notion-legacy-token', peers: [T], shape: 'secret_{a:43}', key: 'NOTION_TOKEN' },
  { name: 'airtable-pat', peers: [G, T], shape: 'pat{a:14}.{h:64}' },
  { name: 'adobe-client-secret', peers: [G], shape: 'p8e-{a:32}' },
  { name: 'frameio-api-token', peers: [G, T], shape: 'fio-u-{w:64}' },
  { name: 'intra42-client-secret', peers: [G, T], shape: 's-s4t2ud-{h:64}' },
  { name: 'maxmind-license-key', peers: [G, T], shape: '{a:6}_{a:29}_mmk' },
  { name: 'typeform-api-token', peers: [G, T], shape: 'tfp_{w:44}_{w:14}' },
  { name: 'figma-pat', peers: [T, S], shape: 'figd_{w:40}' },
  { name: 'contentful-pat', peers: [T], shape: 'CFPAT-{w:43}' },
  { name: 'hubspot-private-app-token', peers: [T], shape: 'pat-na1-{h:8}-{h:4}-{h:4}-{h:4}-{h:12}' },
  { name: 'launchdarkly-access-token', peers: [T], shape: 'api-{h:8}-{h:4}-4{h:3}-a{h:3}-{h:12}', decoys: ['api-gateway-3b93153c-ac74-4b01-a21f-543912b5c21d', 'api-3b93153c-ac74-4b01-a21f-543912b5c21d-replica'] },
  { name: 'launchdarkly-sdk-key', peers: [T], shape: 'sdk-{h:8}-{h:4}-4{h:3}-9{h:3}-{h:12}', decoys: ['sdk-version 4.2.1 (3b93153c-ac74-4b01-a21f-543912b5c21d)'] },
  { name: 'klaviyo-private-key', peers: [T], shape: 'pk_{h:34}', decoys: ['pk_orders_customer_id', 'pk_64c04571c40b557afa5a495bc273bcc7'] },
  { name: 'salesforce-access-token', peers: [T], shape: '00D{a:12}!{a:96}' },
  { name: 'posthog-personal-key', peers: [T], shape: 'phx_{a:47}' },
  { name: 'rootly-api-key', peers: [T], shape: 'rootly_{h:64}' },
  { name: 'apify-token', peers: [T], shape: 'apify_api_{a:36}' },
  { name: 'nightfall-api-key', peers: [T], shape: 'NF-{a:32}' },
  { name: 'ubidots-token', peers: [T], shape: 'BBFF-{a:30}' },
  { name: 'voiceflow-api-key', peers: [T], shape: 'VF.DM.{h:24}.{a:16}' },
  { name: 'zoho-crm-token', peers: [T], shape: '1000.{h:32}.{h:32}' },
  { name: 'salesforce-refresh-token', peers: [T], shape: '5AEP861{a:82}' },
  { name: 'adafruit-io-key', peers: [G, T], shape: 'aio_{a:28}' },
  { name: 'settlemint-pat', peers: [G], shape: 'sm_pat_{a:16}' },
  { name: 'authress-access-key', peers: [G], shape: 'sc_{l:12}.{l:5}.acc_{l:20}.{w:64}' },
  { name: 'dropbox-short-lived-token', peers: [G, T], shape: 'sl.{w:135}', key: 'DROPBOX_ACCESS_TOKEN' },
  // social and observability
  { name: 'facebook-page-access-token', peers: [G], shape: 'EAAC{a:120}' },
  { name: 'twitter-bearer-token', peers: [G], shape: 'AAAAAAAAAAAAAAAAAAAAAA{a:90}', key: 'TWITTER_BEARER_TOKEN' },
  { name: 'new-relic-user-api-key', peers: [G, T], shape: 'NRAK-{u:27}' },
  { name: 'new-relic-insert-key', peers: [G], shape: 'NRII-{a:32}' },
  { name: 'new-relic-insights-query-key', peers: [T], shape: 'NRIQ-{w:32}' },
  { name: 'new-relic-license-key', peers: [T], shape: '{h:32}FFFFNRAL' },
  { name: 'pganalyze-api-key', peers: [T], shape: 'pgar_{a:27}' },
  { name: 'grafana-service-account-token', peers: [G, T, S], shape: 'glsa_{a:32}_{h:8}' },
  { name: 'sentry-user-token', peers: [G, T], shape: 'sntryu_{h:64}' },
  { name: 'sentry-org-token', peers: [G, T], shape: sentryOrgToken },
  { name: 'dynatrace-api-token', peers: [G], shape: 'dt0c01.{u:24}.{a:64}' },
  { name: 'datadog-api-key', peers: [G], shape: '{h:32}', key: 'DD_API_KEY', word: 'addApiKeyHint' },
  { name: 'sumologic-access-key', peers: [G], shape: '{a:64}', key: 'SUMO_ACCESS_KEY', word: 'sumOfExposures' },
  // gitleaks rules that need their vendor's name beside the value (named by the rule's id), and the
  // few structures no shape above stands for. Key names are what a project's .env or profile says.
  { name: 'adafruit-api-key', peers: [G], shape: '{w:32}', key: 'ADAFRUIT_IO_KEY' },
  { name: 'airtable-api-key', peers: [G], shape: '{a:17}', key: 'AIRTABLE_API_KEY' },
  { name: 'algolia-api-key', peers: [G], shape: '{a:32}', key: 'ALGOLIA_ADMIN_KEY' },
  { name: 'alibaba-secret-key', peers: [G], shape: '{a:30}', key: 'ALIBABA_ACCESS_KEY_SECRET' },
  { name: 'asana-client-secret', peers: [G], shape: '{a:32}', key: 'ASANA_CLIENT_SECRET' },
  { name: 'aws-amazon-bedrock-api-key-short-lived', peers: [G], shape: bedrockShortTerm },
  { name: 'beamer-api-token', peers: [G], shape: 'b_{w:44}', key: 'BEAMER_API_KEY' },
  { name: 'bitbucket-client-secret', peers: [G], shape: '{w:64}', key: 'BITBUCKET_CLIENT_SECRET' },
  { name: 'bittrex-access-key', peers: [G], shape: '{a:32}', key: 'BITTREX_API_KEY' },
  { name: 'bittrex-secret-key', peers: [G], shape: '{a:32}', key: 'BITTREX_API_SECRET' },
  { name: 'cisco-meraki-api-key', peers: [G], shape: '{h:40}', key: 'MERAKI_DASHBOARD_API_KEY' },
  { name: 'cloudflare-api-key', peers: [G, T], shape: '{w:40}', key: 'CLOUDFLARE_API_TOKEN' },
  { name: 'cloudflare-global-api-key', peers: [G], shape: '{h:37}', key: 'CLOUDFLARE_API_KEY' },
  { name: 'codecov-access-token', peers: [G], shape: '{a:32}', key: 'CODECOV_TOKEN' },
  { name: 'coinbase-access-token', peers: [G], shape: '{w:64}', key: 'COINBASE_ACCESS_TOKEN' },
  { name: 'confluent-access-token', peers: [G], shape: '{a:16}', key: 'CONFLUENT_CLOUD_API_KEY' },
  { name: 'confluent-secret-key', peers: [G], shape: '{a:64}', key: 'CONFLUENT_CLOUD_API_SECRET' },
  { name: 'contentful-delivery-api-token', peers: [G], shape: '{w:43}', key: 'CONTENTFUL_DELIVERY_TOKEN' },
  { name: 'curl-auth-header', peers: [G], shape: 'curl -s -H "Authorization: Bearer {w:40}" https://api.vendor.example/v1/export' },
  { name: 'curl-auth-user', peers: [G], shape: 'curl -s -u loader:{a:20} https://api.vendor.example/v1/export' },
  { name: 'datadog-access-token', peers: [G], shape: '{a:40}', key: 'DATADOG_APP_KEY' },
  { name: 'defined-networking-api-token', peers: [G], shape: 'dnkey-{l:26}-{l:52}' },
  { name: 'discord-api-token', peers: [G], shape: '{h:64}', key: 'DISCORD_API_TOKEN' },
  { name: 'discord-client-secret', peers: [G], shape: '{w:32}', key: 'DISCORD_CLIENT_SECRET' },
  { name: 'droneci-access-token', peers: [G], shape: '{a:32}', key: 'DRONECI_ACCESS_TOKEN' },
  { name: 'dropbox-api-token', peers: [G], shape: '{a:15}', key: 'DROPBOX_API_TOKEN' },
  { name: 'dropbox-long-lived-api-token', peers: [G], shape: '{a:11}AAAAAAAAAA{w:43}', key: 'DROPBOX_ACCESS_TOKEN' },
  { name: 'etsy-access-token', peers: [G], shape: '{a:24}', key: 'ETSY_API_KEY' },
  { name: 'facebook-access-token', peers: [G], shape: '{d:15}|{w:32}', key: 'FACEBOOK_ACCESS_TOKEN' },
  { name: 'facebook-secret', peers: [G], shape: '{h:32}', key: 'FACEBOOK_APP_SECRET' },
  { name: 'fastly-api-token', peers: [G], shape: '{w:32}', key: 'FASTLY_API_TOKEN' },
  { name: 'finicity-api-token', peers: [G], shape: '{h:32}', key: 'FINICITY_APP_KEY' },
  { name: 'finicity-client-secret', peers: [G], shape: '{a:20}', key: 'FINICITY_PARTNER_SECRET' },
  { name: 'finnhub-access-token', peers: [G], shape: '{a:20}', key: 'FINNHUB_API_KEY' },
  { name: 'flickr-access-token', peers: [G], shape: '{a:32}', key: 'FLICKR_API_KEY' },
  { name: 'flutterwave-encryption-key', peers: [G], shape: 'FLWSECK_TEST-{h:12}' },
  { name: 'freemius-secret-key', peers: [G], shape: "'secret_key' => 'sk_{a:29}'" },
  { name: 'freshbooks-access-token', peers: [G], shape: '{a:64}', key: 'FRESHBOOKS_ACCESS_TOKEN' },
  { name: 'generic-api-key', peers: [G], shape: '{w:40}', key: 'BILLING_API_TOKEN' },
  { name: 'gitlab-session-cookie', peers: [G], shape: '_gitlab_session={l:32}' },
  { name: 'gitter-access-token', peers: [G], shape: '{w:40}', key: 'GITTER_TOKEN' },
  { name: 'gocardless-api-token', peers: [G], shape: 'live_{w:40}', key: 'GOCARDLESS_ACCESS_TOKEN' },
  { name: 'grafana-api-key', peers: [G], shape: 'eyJrIjoi{a:72}' },
  { name: 'grafana-cloud-api-token', peers: [G], shape: 'glc_{a:96}' },
  { name: 'hashicorp-tf-password', peers: [G], shape: '{a:16}', key: 'administrator_login_password' },
  { name: 'hubspot-api-key', peers: [G], shape: '{H:8}-{H:4}-{H:4}-{H:4}-{H:12}', key: 'HUBSPOT_API_KEY' },
  { name: 'intercom-api-key', peers: [G], shape: '{w:60}', key: 'INTERCOM_ACCESS_TOKEN' },
  { name: 'jfrog-api-key', peers: [G], shape: '{a:73}', key: 'JFROG_API_KEY' },
  { name: 'jfrog-identity-token', peers: [G], shape: '{a:64}', key: 'JFROG_ACCESS_TOKEN' },
  { name: 'jwt-base64', peers: [G], shape: jwtBase64 },
  { name: 'kraken-access-token', peers: [G], shape: '{b:88}', key: 'KRAKEN_PRIVATE_KEY' },
  { name: 'kucoin-access-token', peers: [G], shape: '{h:24}', key: 'KUCOIN_API_KEY' },
  { name: 'kucoin-secret-key', peers: [G], shape: '{h:8}-{h:4}-{h:4}-{h:4}-{h:12}', key: 'KUCOIN_API_SECRET' },
  { name: 'launchdarkly-access-token-40', peers: [G], shape: '{w:40}', key: 'LAUNCHDARKLY_ACCESS_TOKEN' },
  { name: 'linear-client-secret', peers: [G], shape: '{h:32}', key: 'LINEAR_CLIENT_SECRET' },
  { name: 'linkedin-client-secret', peers: [G], shape: '{a:16}', key: 'LINKEDIN_CLIENT_SECRET' },
  { name: 'lob-api-key', peers: [G], shape: 'live_{h:35}', key: 'LOB_API_KEY' },
  { name: 'looker-client-secret', peers: [G], shape: '{a:24}', key: 'LOOKERSDK_CLIENT_SECRET' },
  { name: 'mailgun-signing-key', peers: [G], shape: '{h:32}-{h:8}-{h:8}', key: 'MAILGUN_WEBHOOK_SIGNING_KEY' },
  { name: 'mattermost-access-token', peers: [G], shape: '{l:26}', key: 'MATTERMOST_ACCESS_TOKEN' },
  { name: 'messagebird-api-token', peers: [G], shape: '{a:25}', key: 'MESSAGEBIRD_API_KEY' },
  { name: 'netlify-access-token', peers: [G, T], shape: '{w:43}', key: 'NETLIFY_AUTH_TOKEN' },
  { name: 'new-relic-user-api-id', peers: [G], shape: '{a:64}', key: 'NEW_RELIC_API_KEY' },
  { name: 'nuget-config-password', peers: [G], shape: '<add key="ClearTextPassword" value="{a:16}" />' },
  { name: 'nytimes-access-token', peers: [G], shape: '{w:32}', key: 'NYTIMES_API_KEY' },
  { name: 'okta-access-token', peers: [G, T], shape: '00{w:40}', key: 'OKTA_API_TOKEN' },
  { name: 'plaid-secret-key', peers: [G], shape: '{a:30}', key: 'PLAID_SECRET' },
  { name: 'privateai-api-token', peers: [G], shape: '{l:32}', key: 'PRIVATE_AI_API_KEY' },
  { name: 'rapidapi-access-token', peers: [G], shape: '{w:50}', key: 'RAPIDAPI_KEY' },
  { name: 'sendbird-access-token', peers: [G], shape: '{h:40}', key: 'SENDBIRD_API_TOKEN' },
  { name: 'sentry-access-token', peers: [G], shape: '{h:64}', key: 'SENTRY_AUTH_TOKEN' },
  { name: 'settlemint-application-access-token', peers: [G], shape: 'sm_aat_{a:16}' },
  { name: 'settlemint-personal-access-token', peers: [G], shape: 'sm_pat_{a:16}' },
  { name: 'settlemint-service-access-token', peers: [G], shape: 'sm_sat_{a:16}' },
  { name: 'sidekiq-secret', peers: [G], shape: '{h:8}:{h:8}', key: 'BUNDLE_ENTERPRISE__CONTRIBSYS__COM' },
  { name: 'sidekiq-sensitive-url', peers: [G], shape: 'https://{h:8}:{h:8}@gems.contribsys.com/' },
  { name: 'slack-config-access-token', peers: [G], shape: 'xoxe.xoxp-1-{u:164}' },
  { name: 'slack-config-refresh-token', peers: [G], shape: 'xoxe-1-{u:146}' },
  { name: 'slack-legacy-token', peers: [G], shape: 'xoxs-{d:10}-{d:12}-{d:13}-{h:64}' },
  { name: 'slack-legacy-workspace-token', peers: [G], shape: 'xoxa-2-{a:40}' },
  { name: 'snyk-api-token', peers: [G], shape: '{h:8}-{h:4}-{h:4}-{h:4}-{h:12}', key: 'SNYK_TOKEN' },
  { name: 'sonar-api-token', peers: [G], shape: 'squ_{l:40}', key: 'SONAR_TOKEN', decoys: ['sqa_environmentconfigurationforthewarehouses'] },
  { name: 'squarespace-access-token', peers: [G], shape: '{h:8}-{h:4}-{h:4}-{h:4}-{h:12}', key: 'SQUARESPACE_API_KEY' },
  { name: 'travisci-access-token', peers: [G], shape: '{a:22}', key: 'TRAVIS_API_TOKEN' },
  { name: 'twitch-api-token', peers: [G], shape: '{l:30}', key: 'TWITCH_CLIENT_SECRET' },
  { name: 'twitter-access-secret', peers: [G], shape: '{a:45}', key: 'TWITTER_ACCESS_TOKEN_SECRET' },
  { name: 'twitter-access-token', peers: [G], shape: '{d:19}-{a:30}', key: 'TWITTER_ACCESS_TOKEN' },
  { name: 'twitter-api-key', peers: [G], shape: '{a:25}', key: 'TWITTER_API_KEY' },
  { name: 'twitter-api-secret', peers: [G], shape: '{a:50}', key: 'TWITTER_API_SECRET' },
  { name: 'yandex-access-token', peers: [G], shape: 't1.{w:20}.{w:86}', key: 'YANDEX_OAUTH_TOKEN' },
  { name: 'zendesk-secret-key', peers: [G], shape: '{a:40}', key: 'ZENDESK_API_TOKEN' },
  // trufflehog detectors whose form no shape above stands for (named by our detector's id)
  { name: 'asana-pat', peers: [T], shape: '1/{d:16}:{a:32}', key: 'ASANA_ACCESS_TOKEN' },
  { name: 'azure-sas-token', peers: [T], shape: 'https://acmelake.blob.core.windows.net/raw?sp=rl&st=2026-01-01T00:00:00Z&se=2026-12-31T00:00:00Z&spr=https&sv=2022-11-02&sr=c&sig={a:43}%3D' },
  { name: 'buildkite-api-token-v1', peers: [T], shape: '{l:40}', key: 'BUILDKITE_API_TOKEN' },
  { name: 'clickup-pat', peers: [T], shape: 'pk_{d:8}_{u:32}' },
  { name: 'cloudflare-api-token-v2', peers: [T], shape: 'cfut_{a:40}{h:8}' },
  { name: 'deepseek-api-key', peers: [T], shape: 'sk-{l:32}', key: 'DEEPSEEK_API_KEY' },
  { name: 'discord-bot-token-v2', peers: [T], shape: discordToken, key: 'DISCORD_BOT_TOKEN' },
  { name: 'dropbox-short-lived-token-u', peers: [T], shape: 'sl.u.{w:140}', key: 'DROPBOX_ACCESS_TOKEN' },
  { name: 'flyio-macaroon', peers: [T], shape: 'FlyV1 fm2_{b:600}' },
  { name: 'gcp-service-account-key', peers: [T], shape: gcpServiceAccount },
  { name: 'grafana-cloud-token', peers: [T], shape: 'glc_eyJ{a:100}' },
  { name: 'jdbc-password', peers: [T], shape: 'jdbc:postgresql://warehouse.internal:5432/analytics?user=loader&password={a:18}' },
  { name: 'lob-api-key-bare', peers: [T], shape: 'live_{h:35}' },
  { name: 'mapbox-secret-token', peers: [T], shape: 'sk.eyJ1Ijoi{a:16}IiwiYSI6Im{a:24}In0.{a:22}' },
  { name: 'netlify-pat', peers: [T], shape: 'nfp_{a:36}' },
  { name: 'new-relic-insert-key-25', peers: [T], shape: 'NRII-{w:25}' },
  { name: 'segment-token', peers: [T], shape: '{w:43}.{w:43}', key: 'SEGMENT_PUBLIC_API_TOKEN' },
  { name: 'sqlserver-connection-string', peers: [T], shape: 'Server=tcp:wh.database.windows.net,1433;Database=analytics;User ID=loader;Password={a:18};' },
  { name: 'tableau-pat-secret', peers: [T], shape: '{b:22}==:{a:32}', key: 'TABLEAU_PAT_SECRET' },
  { name: 'twilio-auth-token', peers: [T], shape: '{h:32}', key: 'TWILIO_AUTH_TOKEN' },
  { name: 'zoho-oauth-token', peers: [T], shape: '1000.{h:32}.{h:32}' },
  // prefixes of their own that the peer table once passed over (no data-stack use), session 61
  { name: 'deno-deploy-token', peers: [T], shape: 'ddp_{a:36}' },
  { name: 'endor-labs-api-key', peers: [T], shape: 'endr+{a:16}' },
  { name: 'spectralops-token', peers: [T], shape: 'spu-{l:32}' },
  { name: 'trufflehog-enterprise-secret', peers: [T], shape: 'thog-secret-{h:32}' },
  { name: 'tines-webhook-url', peers: [T], shape: 'https://acme-sec.tines.com/webhook/{l:32}/{l:32}' },
  { name: 'robinhood-crypto-api-key', peers: [T], shape: 'rh-api-{h:8}-{h:4}-{h:4}-{h:4}-{h:12}' },
  { name: 'saladcloud-api-key', peers: [T], shape: 'salad_cloud_{a:5}_{a:40}' },
  { name: 'recharge-api-key', peers: [T], shape: 'sk_1x1_{h:64}', decoys: ['sk_1x1_orders'] },
  { name: 'fleetbase-api-key', peers: [T], shape: 'flb_live_{a:20}' },
  { name: 'flexport-api-key', peers: [T], shape: 'shltm_{w:40}' },
  { name: 'bannerbear-api-key', peers: [T], shape: 'bb_pr_{h:30}' },
  { name: 'photoroom-api-key', peers: [T], shape: 'sk_pr_{a:12}_{h:40}' },
  { name: 'teamwork-api-key', peers: [T], shape: 'tkn.v1_{a:71}=' },
  { name: 'ticket-tailor-api-key', peers: [T], shape: 'sk_{d:4}_{d:6}_{h:32}', decoys: ['sk_2024_orders'] },
  { name: 'elevenlabs-api-key', peers: [T], shape: 'sk_{h:48}', decoys: ['sk_customer_orders'] },
  { name: 'braintree-access-token', peers: [T], shape: 'access_token$production${l:16}${h:32}', decoys: ['access_token$production$merchant_id$token'] },
];
