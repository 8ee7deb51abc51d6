/**
 * Credential formats as data, in the manner of gitleaks' rule table: what a token looks like,
 * which literals must occur for its regex to be worth running, and samples that
 * `test/detectors/token-formats.test.ts` runs. `tokens.ts` turns each entry into a Detector.
 *
 * Shapes come from the vendors' documentation (and gitleaks, where a vendor documents only a
 * prefix). Every pattern is written for linear time: bounded repetition, disjoint classes
 * around literals, fixed one-character lookbehinds. A bare hex string or UUID never matches
 * without a distinctive prefix or a context name: dbt artifacts are full of checksums and ids.
 * All samples are made up; none is a real credential.
 */

/** A realistic string with a made-up secret planted in it. */
export interface TokenSample {
  text: string;
  /** Exactly the span the detector must report. */
  secret: string;
}

export interface TokenFormat {
  /** Kebab-case, unique: 'github-classic-pat'. */
  id: string;
  /** Human title; becomes the match description. Never contains a value. */
  title: string;
  /** Lower-case literals; the regex runs only when one occurs in the value (case-insensitive). */
  keywords: readonly string[];
  /** The secret is the named group `secret` when present, else the whole match. Only `i` is kept of its flags. */
  pattern: RegExp;
  /** Minimum Shannon entropy (bits/char) of the secret. */
  entropy?: number;
  /** high: distinctive enough for any text (descriptions, docs). medium: needs its context name. */
  confidence: 'high' | 'medium';
  /** Each yields exactly one match of this id, spanning `secret`. */
  truePositives: readonly TokenSample[];
  /** Near misses that must yield no match of this id. */
  falsePositives: readonly string[];
}

/** `text` with its one `%s` replaced by `secret`. */
function plant(text: string, secret: string): TokenSample {
  const parts = text.split('%s');
  if (parts.length !== 2) throw new Error(`sample needs exactly one %s: ${text}`);
  return { text: parts.join(secret), secret };
}

/**
 * A secret assigned to a telling name, the way it shows up in SQL, YAML, JSON, env files and
 * HTTP headers: `NAME = 'v'`, `"NAME": "v"`, `NAME: v`, `NAME 'v'`, `\"NAME\": \"v\"`.
 * `name` and `secret` are regex sources; the pattern is case-insensitive.
 */
function assigned(name: string, secret: string, end = '(?![A-Za-z0-9_+/=-])'): RegExp {
  const quote = `(?:\\\\?["'\`])?`;
  const separator = `(?:\\s{0,4}(?:=>|:=|[:=])\\s{0,4}|\\s{1,4})`;
  return new RegExp(`(?<![A-Za-z0-9])(?:${name})${quote}${separator}${quote}(?<secret>${secret})${end}`, 'i');
}

/** A PEM block with 64-character lines joined by `newline` (a real one, or `\\n` as in a JSON string). */
function pemBlock(label: string, body: string, newline = '\n', width = 64): string {
  const lines = body.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(newline);
}

const RSA_BODY =
  'MIIEowIBAAKCAQEAWXRQr8wpa09mYRGKMMq4+n5p4zRj4Un+Z3crpQrrt8UaEgaWm2NMNkyE+nAbGbGlcioJX+W/WdCkw20Z6VfxrHq2OXRgCNwl' +
  'tU0QPgN0Ctqr4Xe/N8OQl04tQAm/Qd0EfP4jdD/7hBl2mIUkPWIMiA6GTPSYZwFFhmkXU9PJzeLXTcoiGz8El+3H7vb8/v4XqUaFhcRWAzegIns' +
  'wHh6gm05KyJUQaTsa9ad2+KOe6gt4A4f7EJtqKncvZYhhJXFNUgm15e2RZb1Ah8OJccUkUfZSodYQ/mJcZzbvhG61MkkY7KTu';
const PKCS8_BODY =
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC0QZ6heJzHpuxa3AkO+r9Zx0BU0GLvN2Rwt/VKYzNXqzR6fcH8TQPjjKycbx3BkjO+9hil39HYT49Fjma' +
  'sMy5z5epIuByttW8hrg/d2UXY/TmwbVYpZVBSIhlX24no4LqQxx1sL9apEMCKF99Ngx2X79SPi9w0klNiBCmbqUAktSwiDiUuhuidcejRoXsETI8' +
  'B6HLeUCpeBoR3fArQsCM1xj2Y1QympOuPppauUjd/lENJL3eGBQkPZf9vs553qSFDVM8tdcia2Wfrz7b3fiyjnabx3NuUUmR';
const OPENSSH_BODY =
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW7WpxoQMkzfabhasZgsWNaibCOt8B9c1YSphar2QEb1' +
  'ZiiHN30uxHNEydtYnE2Hkec6jZduHhd1Qpv/u8XYy43+ZRJehTgwxOn6hhZYprfwUxDuLOUpXBTdX+4GRoqlLUKQUz/2T2kSHGQrAHklChlmhTuu' +
  'kKkXcqJDnJki60ArNAxeLE2jtH/17C2+vdoiYdUTGYZP9AXWmW7T49tyy4frpMOSZnYCBk2yxq0mhGO+35/tKwIdAKuz/+4Z';

const PPK_HEAD =
  'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ed25519-key-20240101\nPublic-Lines: 2\n' +
  'AAAAC3NzaC1lZDI1NTE5AAAAIMJv7q3Rk9Xz2Lm4Np8Qw6Ty1Hb5Gc0Vd3Fe\nSa7Ku2Jo9Pi4\nPrivate-Lines: 2';
const PPK_PRIVATE = 'AAAAIFQz8Kx2Lm9Rt4Vw7Yb1Nc5Hd3Gf6Jk0Pq8Ws2Ez4Ua7Ix9Ob1Tc3Me5\nRg6Yh2Nj8Ql4';

const JWT_HS256 =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtbG9hZGVyIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUtY29ycC5pbyIsImlhdCI6MTcxNDAwMDAwMCwiZXhwIjoxNzE0MDAzNjAwfQ.ChnBEpACzrskigNrJViRFyuwSRGc54RPeHUEUPXX_K0';
const JWT_RS256 =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6InY1Q3dvNHlmZzRZZGlTNGUiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJvOWN2RlFCcFcyQjEiLCJzY29wZSI6InJlYWQ6d2FyZWhvdXNlIiwiaWF0IjoxNzE2MDAwMDAwfQ.iXp__kuqORu36m11rX-9W2T_Jdm3ZhJkp9d46T7e0MO';

/** What dbt artifacts are full of; no entry may match these without a prefix or a context name. */
const SHA256 = '9b6648801def5b8a7e954358988530abb6ea2a45cbacef5116b348128674d42c';
const MD5 = '64c04571c40b557afa5a495bc273bcc7';
const UUID = '3b93153c-ac74-4b01-a21f-543912b5c21d';

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  // ── Cloud providers ─────────────────────────────────────────────────────────────────────
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    // AWS documents uppercase letters and digits; issued ids are base32, but older samples and
    // some tools' fixtures use 0/1/8/9, so accept [A-Z0-9] after the four-letter prefix.
    pattern: /(?<![A-Za-z0-9_])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant("copy into raw.events from 's3://acme-landing/events/' credentials = (aws_key_id = '%s' aws_secret_key = '{{ env_var(\"AWS_SECRET\") }}')", 'AKIARHWVJIPFU4OKOUTB'),
      plant('Assumed role for the loader: temporary key %s expires in 3600s', 'ASIAJN6RTSE4XBRGHZAQ'),
      plant('dbt run --vars \'{"s3_key": "%s"}\'', 'ABIAYMUOFY73RQFDJBVJ'),
      plant('export AWS_ACCESS_KEY_ID=%s', 'ACCAAYDZCUNMWUFRXDP5'),
    ],
    falsePositives: [
      "aws_key_id = 'AKIAIOSFODNN7EXAMPLE'",
      'XAKIARHWVJIPFU4OKOUTB',
      'AKIARHWVJIPFU4OKOUTBQ',
      'AKIARHWVJIPFU4OKOUT',
      'akiarhwvjipfu4okoutb',
      'stg_AKIARHWVJIPFU4OKOUTB',
    ],
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    keywords: ['aws_secret', 'awssecret', 'secret_access_key', 'secretaccesskey'],
    pattern: assigned(
      'aws_secret(?:_access)?_key|awssecret(?:access)?key|secret_access_key|secretaccesskey',
      '[A-Za-z0-9/+]{40}',
      '(?![A-Za-z0-9/+=])',
    ),
    entropy: 4.2,
    confidence: 'medium',
    truePositives: [
      plant("credentials = (aws_key_id = 'AKIARHWVJIPFU4OKOUTB' aws_secret_key = '%s')", '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'),
      plant("copy raw.orders from 's3://acme/orders' credentials 'aws_access_key_id=AKIATOE2AM4I2BIZBJR6;aws_secret_access_key=%s'", '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'),
      plant('{"AwsSecretAccessKey": "%s", "region": "eu-west-1"}', 'jyzgDlob1QhkdKLmnGD5Ynkd8Hb1bHbu1o8S3yk7'),
      plant('{"Credentials": {"AccessKeyId": "ASIAJN6RTSE4XBRGHZAQ", "SecretAccessKey": "%s"}}', '09Y64tPlyUffOiEqaiwCWgBi+0JE2w1enyaZ+C4N'),
      plant("COPY raw.events FROM 's3://b/k' ACCESS_KEY_ID 'AKIATOE2AM4I2BIZBJR6' SECRET_ACCESS_KEY '%s'", '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'),
    ],
    falsePositives: [
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      "aws_secret_access_key: \"{{ env_var('AWS_SECRET_ACCESS_KEY') }}\"",
      'Aah/NS7bre6Mqr41ZaUbbUACFgbVjqNAyXTNgaC1',
      'aws_secret_access_key = 260337081d41ea980033191294c06a886b81afdd',
      'aws_secret_access_key = Aah/NS7bre6Mqr41ZaUbbUACFgbVjqNAyXTNgaC1x',
      'aws_secret_access_key_id = 42',
    ],
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    keywords: ['aiza'],
    pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant("select net.http_get('https://maps.googleapis.com/maps/api/geocode/json?address=' || addr || '&key=%s')", 'AIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5f'),
      plant('Geocoding key for the stores model: %s', 'AIzaz4ZIJCyeZqHIy_Nbg2leEcOcbYvPAAVfo3K'),
    ],
    falsePositives: ['AIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5', 'AIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5fQ', 'xAIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5f', 'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  },
  {
    id: 'google-oauth-client-secret',
    title: 'Google OAuth client secret',
    keywords: ['gocspx-'],
    pattern: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('{"installed": {"client_id": "1234-abc.apps.googleusercontent.com", "client_secret": "%s"}}', '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')],
    falsePositives: ['GOCSPX-SHj8wIm_v-_NJ3yUbyO7rCpRUHq', 'GOCSPX-<client secret>', 'GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  {
    id: 'google-oauth-access-token',
    title: 'Google OAuth access token',
    keywords: ['ya29.'],
    pattern: /(?<![A-Za-z0-9_-])ya29\.[A-Za-z0-9_-]{50,2048}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'Request failed: 401 for Authorization: Bearer %s',
        'ya29.a0k3lAwbnwzOd9GLTMRuzn0-CyC8ltnyfHibJtCNjHfD1RQMaCHUjayuSkZIjBAVubrbk6Lq6DYGYXvksrMmptXP60XE3PIpoYqB6dhB59BW0uDV6fEpj_8z6BgsK60LM6a6zWYrXtKIwO-7HWIDGtLDWuf-e8zmKM',
      ),
    ],
    falsePositives: ['ya29.short', 'use a ya29. token from gcloud auth print-access-token'],
  },
  {
    id: 'gcp-service-account-key',
    title: 'GCP service account private key (JSON key file)',
    keywords: ['private_key'],
    // The key file's "private_key" field, as JSON inside a string: its newlines are `\n`
    // escapes (or `\\n` when nested twice), or real ones once the inner JSON was decoded.
    pattern:
      /(?<![A-Za-z0-9_])\\?"?private_key\\?"?\s{0,4}[:=]\s{0,4}(?:\\?["']){0,3}(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----(?:[A-Za-z0-9+/=\r\n]|\\{1,2}[rn]){64,16384}-----END (?:RSA )?PRIVATE KEY-----)/,
    entropy: 4.5,
    confidence: 'high',
    truePositives: [
      plant(
        'dbt run --vars \'{"keyfile_json": {"type": "service_account", "private_key_id": "260337081d41ea980033191294c06a886b81afdd", "private_key": "%s\\n", "client_email": "dbt@acme.iam.gserviceaccount.com"}}\'',
        pemBlock('PRIVATE KEY', PKCS8_BODY, '\\n'),
      ),
      plant(
        '{\n  "type": "service_account",\n  "private_key": "%s\n"\n}',
        pemBlock('PRIVATE KEY', PKCS8_BODY),
      ),
      plant(
        '{\\"type\\": \\"service_account\\", \\"private_key\\": \\"%s\\\\n\\"}',
        pemBlock('PRIVATE KEY', PKCS8_BODY, '\\\\n'),
      ),
    ],
    falsePositives: [
      '"private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"',
      '"private_key": "{{ env_var(\'DBT_BIGQUERY_PRIVATE_KEY\') }}"',
      '"private_key_id": "260337081d41ea980033191294c06a886b81afdd"',
      `"private_key": "-----BEGIN PRIVATE KEY-----\\n${'A'.repeat(64)}\\n${'A'.repeat(64)}\\n-----END PRIVATE KEY-----"`,
    ],
  },
  {
    id: 'private-key',
    title: 'Private key (PEM block)',
    keywords: ['private key'],
    // Optional armor headers (encrypted RSA, PGP), then base64 with whitespace or escaped
    // newlines. Prose between the markers has punctuation and never matches; ellipses neither.
    pattern:
      /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:(?:\r?\n|\\{1,2}n)(?:Proc-Type|DEK-Info|Version|Comment|Charset|Hash): [^\r\n\\]{1,200}(?=[\r\n\\])){0,8}(?:[A-Za-z0-9+/=\s]|\\{1,2}[rnt]){64,16384}-----END (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/,
    entropy: 4.5,
    confidence: 'high',
    truePositives: [
      plant("{% set ssh_key = '%s' %}", pemBlock('RSA PRIVATE KEY', RSA_BODY)),
      plant('Deploy key for the packages repo:\n%s\n', pemBlock('OPENSSH PRIVATE KEY', OPENSSH_BODY, '\n', 70)),
      plant('private_key: "%s"', pemBlock('PRIVATE KEY', PKCS8_BODY, '\\n')),
      plant(
        'key = """%s"""',
        `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F1D2A6C9B8E7F104A5B6C7D8E9F0A1B\n\n${RSA_BODY.slice(16, 144)}\n${RSA_BODY.slice(144, 208)}\n-----END RSA PRIVATE KEY-----`,
      ),
    ],
    falsePositives: [
      'paste your key between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----\nPut the key from the admin console here, with all of its lines kept as they are, then save.\n-----END PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi..Z1BjP5CE/Wm/Rr500P\nRK+Lh9x5eJPo5CAZ3/ANBE0sTK0ZsDGMak2m1g7..3VHqIxFTz0Ta1d+NAj\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0\n-----END PUBLIC KEY-----',
      `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\n-----END RSA PRIVATE KEY-----`,
    ],
  },
  {
    id: 'putty-private-key',
    title: 'PuTTY private key (.ppk)',
    keywords: ['putty-user-key-file'],
    // Header lines (`Key: value`) and the public lines, then `Private-Lines: n` and the private
    // base64 lines up to `Private-MAC:`; newlines real or escaped once or twice, as in a JSON string.
    pattern:
      /PuTTY-User-Key-File-[23]: [a-z0-9@.-]{3,40}(?:(?:\r?\n|(?:\\{1,2}r)?\\{1,2}n)(?:[A-Za-z-]{1,40}: [^\r\n\\]{0,200}|[A-Za-z0-9+/=]{1,128})){0,64}?(?:\r?\n|(?:\\{1,2}r)?\\{1,2}n)Private-Lines: \d{1,3}(?:\r?\n|(?:\\{1,2}r)?\\{1,2}n)(?<secret>[A-Za-z0-9+/=]{16,128}(?:(?:\r?\n|(?:\\{1,2}r)?\\{1,2}n)[A-Za-z0-9+/=]{1,128}){0,63})(?:\r?\n|(?:\\{1,2}r)?\\{1,2}n)Private-(?:MAC|Hash): /,
    entropy: 4.0,
    confidence: 'high',
    truePositives: [
      plant(`-- deploy key\n${PPK_HEAD}\n%s\nPrivate-MAC: 5d1c3e0b7a9f2c4e6d8b0a1f3e5c7a9b2d4f6e8a0c1b3d5f7e9a2c4b6d8f0e1a`, PPK_PRIVATE),
      plant(`{"ppk": "${PPK_HEAD.replace(/\n/g, '\\n')}\\n%s\\nPrivate-MAC: 5d1c3e0b7a9f2c4e"}`, PPK_PRIVATE.replace(/\n/g, '\\n')),
    ],
    falsePositives: [
      `${PPK_HEAD}\n<private lines go here>\nPrivate-MAC: 00`,
      'PuTTY-User-Key-File-3: ssh-ed25519 (convert it with puttygen first)',
    ],
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure storage account key',
    keywords: ['accountkey='],
    pattern: /(?<![A-Za-z0-9])AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/i,
    confidence: 'high',
    truePositives: [
      plant(
        "create external data source raw with (location = 'abfss://raw@acmelake.dfs.core.windows.net', credential = 'DefaultEndpointsProtocol=https;AccountName=acmelake;AccountKey=%s;EndpointSuffix=core.windows.net')",
        'kIDgOaZTFS31AhOJrZeI+/8RLrudwZpzmllS80T5OsaCSEPF8f7/C30hPLmSUaYn96VnAzgm6e++IkwKHjzAdG==',
      ),
      plant('accountkey=%s', '25Z5wZIGPwyxhsA/J04vxKuekS0Tebznp5+L1EiI7cgqraopc2PEi5DMjrrPfX3pw3Vy6MbHtOpY3BHJMC8VKf=='),
    ],
    falsePositives: [
      'AccountName=acmelake;AccountKey={{ env_var("AZURE_KEY") }}',
      'AccountKey=kIDgOaZTFS31AhOJrZeI+/8RLrudwZpzmllS80T5OsaCSEPF8f7/C30hPLmSUaYn96VnAzgm6e++IkwKHjzAdG',
      'AccountKey=<storage account key>',
    ],
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature',
    keywords: ['sig='],
    // sv= (the service version, a date) comes before sig= in SAS tokens the portal and SDKs issue.
    pattern:
      /(?<![A-Za-z0-9_])sv=\d{4}-\d\d-\d\d(?:&[A-Za-z]{1,12}=[^&\s"'#<>]{0,200}){0,20}&sig=(?<secret>[A-Za-z0-9%+/=]{43,120})(?![A-Za-z0-9%+/=])/,
    confidence: 'high',
    truePositives: [
      plant(
        "select * from openrowset(bulk 'https://acmelake.blob.core.windows.net/raw/orders.parquet?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2025-12-31T23:59:59Z&spr=https&sig=%s', format = 'parquet') as r",
        'WZ29qR2tSjV2hZgiZF6mA4QW3kak%2FtXlguWJXu2X5h9%3D',
      ),
      plant('sp=r&st=2024-05-01T00:00:00Z&se=2024-06-01T00:00:00Z&spr=https&sv=2022-11-02&sr=c&sig=%s', 'NLdPRWb0j9QMmqLzFiuMZWxIm5Q01o61cGpU8uwy2Lk='),
    ],
    falsePositives: [
      'https://acmelake.blob.core.windows.net/raw?sv=2022-11-02&sig=<signature>',
      'https://acmelake.blob.core.windows.net/raw?sv=2022-11-02&sp=r&sig=short',
      'https://storage.googleapis.com/b/o?X-Goog-Signature=6rMFTrDPXFgcuL10KT2YICT0I3mm6hnzKVlrBjeFvCo',
      'csv=2022-11-02&sig=6rMFTrDPXFgcuL10KT2YICT0I3mm6hnzKVlrBjeFvCo',
    ],
  },
  {
    id: 'azure-ad-client-secret',
    title: 'Microsoft Entra ID (Azure AD) client secret',
    keywords: ['q~'],
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
    entropy: 3.5,
    confidence: 'high',
    truePositives: [plant("{{ config(pre_hook=\"set client_secret = '%s'\") }}", 'n3H4Q~XN2NKS7uPWBd4fcy7iz8O1wz8V8d-npaC5')],
    falsePositives: ['n3H4Q~XN2NKS7uPWBd4fcy7iz8O1', 'abcQ~XN2NKS7uPWBd4fcy7iz8O1wz8V8d-npaC5', 'x.n3H4Q~XN2NKS7uPWBd4fcy7iz8O1wz8V8d-npaC5extra-long'],
  },
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    keywords: ['ltai'],
    pattern: /(?<![A-Za-z0-9_])LTAI(?=[A-Za-z0-9]{0,19}[0-9])(?:[A-Za-z0-9]{20}|[A-Za-z0-9]{12})(?![A-Za-z0-9_])/,
    entropy: 3.5,
    confidence: 'high',
    truePositives: [
      plant('oss_access_key_id: %s', 'LTAI5tKEa1Wn3ygNprpiKdJL'),
      plant("select * from oss('oss://acme/raw', '%s', secret)", 'LTAI5tcgGdDcMdxdsfKJCryL'),
    ],
    falsePositives: ['LTAIncomeStatementsByQuarter', 'LTAI5tKEa1Wn3ygNprpiKdJLx', 'xLTAI5tKEa1Wn3ygNprpiKdJL'],
  },
  {
    id: 'databricks-token',
    title: 'Databricks personal access token',
    keywords: ['dapi'],
    pattern: /(?<![A-Za-z0-9_])dapi[a-f0-9]{32}(?:-\d{1,2})?(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant('dbt-databricks: token = %s, http_path = /sql/1.0/warehouses/abc', 'dapi50a52c4e44b0d3a082775eecd98d36b7'),
      plant('{"host": "adb-123.azuredatabricks.net", "token": "%s"}', 'dapi68ad2af779495c854748056fb80ac2d1-2'),
    ],
    falsePositives: ['dapi50a52c4e44b0d3a082775eecd98d36b', 'dapiDataGetTopLongShortPositionRatio', `mydapi${MD5}`, 'dapi' + SHA256],
  },
  {
    id: 'dbt-cloud-service-token',
    title: 'dbt Cloud service account token',
    keywords: ['dbtc_'],
    // Prefix documented by dbt Labs; the body length is inferred from issued tokens (about 50
    // characters of [A-Za-z0-9_]), so require mixed case and a digit as well.
    pattern: /(?<![A-Za-z0-9_])dbtc_(?=[A-Za-z0-9_]{0,59}[A-Z])(?=[A-Za-z0-9_]{0,59}[0-9])[A-Za-z0-9_]{40,60}(?![A-Za-z0-9_-])/,
    entropy: 4,
    confidence: 'high',
    truePositives: [
      plant('DBT_CLOUD_API_TOKEN=%s dbt-cloud job run --job-id 4821', 'dbtc_PUOTlmxj1VOba0hzUANJDA6Hxkcu9l_R5iHbwn8kmPdn1mroLG'),
      plant("select * from dbt_cloud_jobs where token = '%s'", 'dbtc_ddvT4qf8vxHIZkrhqQtUTb1GsVcposUfaoBWvYm4CwlUN_B4WV'),
    ],
    falsePositives: ['dbtc_test_token', 'dbtc_customers_orders_daily_snapshot_with_long_name_v2', 'stg_dbtc_PUOTlmxj1VOba0hzUANJDA6Hxkcu9l_R5iHbwn8kmPdn1mroLG'],
  },
  {
    id: 'dbt-cloud-user-token',
    title: 'dbt Cloud personal access token',
    keywords: ['dbtu_'],
    pattern: /(?<![A-Za-z0-9_])dbtu_(?=[A-Za-z0-9_]{0,59}[A-Z])(?=[A-Za-z0-9_]{0,59}[0-9])[A-Za-z0-9_]{40,60}(?![A-Za-z0-9_-])/,
    entropy: 4,
    confidence: 'high',
    truePositives: [
      plant('headers: {"Authorization": "Token %s"}', 'dbtu_32BISC9z96GHZzlO3gvXSEySdE5aERmYI4PTzqU1oaNrTBE3LM'),
      plant('token-value: %s', 'dbtu_o6cBRwM_Tm97aW3tLN6kSTPckmsmq9XIGLB9k_uaJP1oasYqZ6'),
    ],
    falsePositives: ['export DBT_TOKEN="dbtu_..."', 'dbtu_YOUR_API_TOKEN_HERE', 'dbtu_pat_token_456'],
  },
  {
    id: 'digitalocean-token',
    title: 'DigitalOcean API token',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: /(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant('DIGITALOCEAN_TOKEN=%s', 'dop_v1_98118b0a0b532cab641d40803699a932fa120f873201ef94f4c9668f7882c6f0'),
      plant('oauth: %s', 'doo_v1_9b6648801def5b8a7e954358988530abb6ea2a45cbacef5116b348128674d42c'),
      plant('refresh_token=%s', 'dor_v1_2c55ae82035aa183012f0da4b19421e73227aef18dea18c4161e8fb79c3fdc05'),
    ],
    falsePositives: [`dop_v1_${SHA256.slice(1)}`, `sha256:${SHA256}`, `my_dop_v1_${SHA256}`],
  },
  {
    id: 'heroku-api-key',
    title: 'Heroku API key',
    keywords: ['heroku'],
    pattern: assigned(
      'heroku_?api_?key|heroku_?(?:auth_?|oauth_?)?token',
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
      '(?![A-Za-z0-9_-])',
    ),
    confidence: 'medium',
    truePositives: [
      plant('HEROKU_API_KEY=%s', '3b93153c-ac74-4b01-a21f-543912b5c21d'),
      plant('{"heroku_token": "%s"}', '93b94c36-2409-48cc-aa5d-b61e3af1610c'),
    ],
    falsePositives: [`heroku app id ${UUID}`, `invocation_id: ${UUID}`, 'HEROKU_API_KEY=${HEROKU_API_KEY}'],
  },
  {
    id: 'heroku-api-key-v2',
    title: 'Heroku API key (HRKU format)',
    keywords: ['hrku-'],
    pattern: /(?<![A-Za-z0-9_-])HRKU-AA[A-Za-z0-9_-]{58}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('heroku config: HEROKU_API_KEY=%s', 'HRKU-AAjcdsiox_1vDN8YXMI2J2YEPuawbgdG24zIQnJMiolIiu55OnDYgpZ5mtqX')],
    falsePositives: ['HRKU-AAjcdsiox_1vDN8YXMI2J2YEPuawbgdG24zIQ', 'HRKU-token'],
  },
  {
    id: 'terraform-cloud-token',
    title: 'Terraform Cloud / HCP Terraform API token',
    keywords: ['atlasv1'],
    pattern: /(?<![A-Za-z0-9_.])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/,
    confidence: 'high',
    truePositives: [
      plant('TF_TOKEN_app_terraform_io=%s', 'JEWMDph1dLLGir.atlasv1.6IXC8jPhDS6C5E4Ca4hSGY0q3TyKcJXnISmHTFcTjW5wb4dbokYTjS2VBVdpEroAaH4'),
    ],
    falsePositives: ['JEWMDph1dLLGir.atlasv1.short', 'docs mention the atlasv1 token format'],
  },
  {
    id: 'pulumi-access-token',
    title: 'Pulumi access token',
    keywords: ['pul-'],
    pattern: /(?<![A-Za-z0-9_-])pul-[a-f0-9]{40}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('PULUMI_ACCESS_TOKEN=%s pulumi up', 'pul-211c4dab02205239709178265d2cbb2d73cc8699')],
    falsePositives: ['pul-211c4dab02205239709178265d2cbb2d73cc869', `capful-${SHA256.slice(0, 40)}`],
  },

  // ── Code hosting and package registries ─────────────────────────────────────────────────
  {
    id: 'github-classic-pat',
    title: 'GitHub personal access token (classic)',
    keywords: ['ghp_'],
    pattern: /(?<![A-Za-z0-9_])ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant('packages:\n  - git: "https://%s@github.com/acme/dbt-internal-macros.git"\n    revision: 1.4.0', 'ghp_Rb9ktt9JdduBBWTQs7HlXXMikzl7I3Mlny2I'),
      plant('CI bot token (rotate monthly): %s', 'ghp_PcGjHoMEKHT5nS5gkuxFSXPn1WvooudsN2VM'),
    ],
    falsePositives: [
      'select * from analytics.my_ghp_table',
      'ghp_Rb9ktt9JdduBBWTQs7HlXXMikzl7I3Mlny2',
      'ghp_Rb9ktt9JdduBBWTQs7HlXXMikzl7I3Mlny2IQ',
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      "ghp_{{ env_var('GITHUB_TOKEN') }}",
    ],
  },
  {
    id: 'github-oauth-token',
    title: 'GitHub OAuth access token',
    keywords: ['gho_'],
    pattern: /(?<![A-Za-z0-9_])gho_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [plant('Authorization: token %s', 'gho_mJe1wLIZuLG2MvbrNQ1FZFUxsJPa5nDtjPyB')],
    falsePositives: ['gho_mJe1wLIZuLG2MvbrNQ1FZFUxsJPa5nDtjPy', 'echo_gho_mJe1wLIZuLG2MvbrNQ1FZFUxsJPa5nDtjPyB'],
  },
  {
    id: 'github-user-to-server-token',
    title: 'GitHub App user access token',
    keywords: ['ghu_'],
    pattern: /(?<![A-Za-z0-9_])ghu_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [plant('GH_TOKEN=%s gh api /user', 'ghu_v618ULNtGxVDKotci1MM044KVtpPCcknFMWX')],
    falsePositives: ['ghu_v618ULNtGxVDKotci1MM044KVtpPCcknFMW', 'ghu_short'],
  },
  {
    id: 'github-server-to-server-token',
    title: 'GitHub App installation access token',
    keywords: ['ghs_'],
    pattern: /(?<![A-Za-z0-9_])ghs_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant('fatal: could not read from https://x-access-token:%s@github.com/acme/dbt.git', 'ghs_X8bki9CPeesXQAKAcfamqsGcC1aHjOxWWgeM'),
    ],
    falsePositives: ['ghs_X8bki9CPeesXQAKAcfamqsGcC1aHjOxWWge', 'logs_ghs_X8bki9CPeesXQAKAcfamqsGcC1aHjOxWWgeM'],
  },
  {
    id: 'github-refresh-token',
    title: 'GitHub refresh token',
    keywords: ['ghr_'],
    pattern: /(?<![A-Za-z0-9_])ghr_[A-Za-z0-9]{36,76}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant('refresh_token=%s&grant_type=refresh_token', 'ghr_zThmtdplkNkAb1NNCyBph4YxikooJJs0QvsX'),
      plant('{"refresh_token": "%s"}', 'ghr_FZU3X26TQx8m6uE8qbExjmgbxQhqdfYla1diWuL7TOt0ibzUNJCVAhB4ESn6S8K2GJyX9gfc2TDc'),
    ],
    falsePositives: ['ghr_zThmtdplkNkAb1NNCyBph4Yxikoo', 'ghr_zThmtdplkNkAb1NNCyBph4YxikooJJs0QvsXzThmtdplkNkAb1NNCyBph4YxikooJJs0QvsXzThmt'],
  },
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    keywords: ['github_pat_'],
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant(
        'git clone https://oauth2:%s@github.com/acme/analytics.git',
        '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',
      ),
    ],
    falsePositives: ['github_pat_Us3aV1OwJgZkHkbR0AVhxV_W6buCHWAZpklO2Pap', 'select github_pat_count from stats'],
  },
  {
    id: 'gitlab-pat',
    title: 'GitLab personal access token',
    keywords: ['glpat-'],
    // Legacy: 20 characters. Routable (GitLab 17+): a longer body, then "." and a 9-char base36 tail.
    pattern: /(?<![A-Za-z0-9_-])glpat-(?:[A-Za-z0-9_-]{20}|[A-Za-z0-9_-]{27,300}\.[0-9a-z]{9})(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant('- git: "https://oauth2:%s@gitlab.acme.io/data/dbt-shared.git"', 'glpat-UCKtsvSkBhaL3Sl8-9rN'),
      plant('GITLAB_TOKEN=%s', 'glpat-uc3DN6fPMYobXdImd-PITU2NxajkQvh.01o64517a'),
    ],
    falsePositives: ['glpat-UCKtsvSkBhaL3Sl8-9r', 'glpat-xxxxxxxxxxxxxxxxxxxx', 'my-glpat-UCKtsvSkBhaL3Sl8-9rN'],
  },
  {
    id: 'gitlab-deploy-token',
    title: 'GitLab deploy token',
    keywords: ['gldt-'],
    pattern: /(?<![A-Za-z0-9_-])gldt-(?:[A-Za-z0-9_-]{20}|[A-Za-z0-9_-]{27,300}\.[0-9a-z]{9})(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('https://gitlab+deploy-token-12:%s@gitlab.acme.io/data/dbt.git', 'gldt-IRjU1xTX4-CFGD3Bnyr-')],
    falsePositives: ['gldt-IRjU1xTX4-CFGD3Bnyr', 'gldt-token'],
  },
  {
    id: 'gitlab-runner-token',
    title: 'GitLab runner authentication token',
    keywords: ['glrt-'],
    pattern: /(?<![A-Za-z0-9_-])glrt-(?:[A-Za-z0-9_-]{20}|[A-Za-z0-9_-]{27,300}\.[0-9a-z]{9})(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant('gitlab-runner register --token %s', 'glrt-uI0yzhV6C8dSSlVm9S9w'),
      plant('token = "%s"', 'glrt-7LS_l6i4qPrzZnJS_MQ4'),
    ],
    falsePositives: ['glrt-uI0yzhV6C8dSSlVm9S9', 'glrt-uI0yzhV6C8dSSlVm9S9wQ'],
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    title: 'GitLab pipeline trigger token',
    keywords: ['glptt-'],
    pattern: /(?<![A-Za-z0-9_-])glptt-[a-f0-9]{40}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('curl -X POST --form token=%s --form ref=main https://gitlab.acme.io/api/v4/projects/7/trigger/pipeline', 'glptt-260337081d41ea980033191294c06a886b81afdd')],
    falsePositives: ['glptt-260337081d41ea980033191294c06a886b81afd', 'glptt-' + SHA256],
  },
  {
    id: 'gitlab-oauth-app-secret',
    title: 'GitLab OAuth application secret',
    keywords: ['gloas-'],
    pattern: /(?<![A-Za-z0-9_-])gloas-[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('client_secret: %s', 'gloas-_WbL_vqQLEPjvZn3_wmqOUdofld-1rZhnK5G-dZTxG4kAJsipGFRnOSLVmoal0k0')],
    falsePositives: ['gloas-_WbL_vqQLEPjvZn3_wmqOUdofld-1rZhnK5G'],
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    keywords: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])npm_(?=[A-Za-z0-9]{0,35}[A-Z])(?=[A-Za-z0-9]{0,35}[0-9])[A-Za-z0-9]{36}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant('//registry.npmjs.org/:_authToken=%s', 'npm_j5Mr1TbsnAq0yHMbNjiF7ZWmstZFd4hmM6qm'),
      plant('NPM_TOKEN: %s', 'npm_Q4nnkuDzcQqdo9zsgDPgi8yVILEu4JRmw0Rv'),
    ],
    falsePositives: ['npm_config_userconfig', 'npm_packagejsonversionlifecycleeventx', 'npm_j5Mr1TbsnAq0yHMbNjiF7ZWmstZFd4hmM6q'],
  },
  {
    id: 'pypi-token',
    title: 'PyPI upload token',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'TWINE_PASSWORD=%s twine upload dist/*',
        'pypi-AgEIcHlwaS5vcmcflhzb7NPaT44LxqEfRNRNpgylcY25WpUGRqkMGDGulr09P3iLuiuF7VOQQiJ1qaopyeFEXHyIVqpM_L9GMDJpr3Pon_D8yiqJuGBHdIYicvbFXpJtKESQNpuO-gGDmXK8fQCT6hT7lebyHJZDo2AS_BGh1-XQhmK',
      ),
    ],
    falsePositives: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgEIcHlwaS5vcmcshort'],
  },
  {
    id: 'docker-hub-pat',
    title: 'Docker Hub personal access token',
    keywords: ['dckr_pat_'],
    pattern: /(?<![A-Za-z0-9_])dckr_pat_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('echo %s | docker login -u acmebot --password-stdin', 'dckr_pat_i2Z2gZwZpACVLuESMZjBET_qkBW')],
    falsePositives: ['dckr_pat_i2Z2gZwZpACVLuESMZjBET_qkB', 'dckr_pat_i2Z2gZwZpACVLuESMZjBET_qkBWx'],
  },
  {
    id: 'postman-api-key',
    title: 'Postman API key',
    keywords: ['pmak-'],
    pattern: /(?<![A-Za-z0-9_-])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9_-])/i,
    confidence: 'high',
    truePositives: [plant('X-Api-Key: %s', 'PMAK-084073986bb480acec89f512-4e75978e334a15d31db5669de3926a3a21')],
    falsePositives: ['PMAK-084073986bb480acec89f512-4e75978e334a15d31db5669de3926a3a2', 'PMAK-<key>'],
  },

  // ── Chat and webhooks ───────────────────────────────────────────────────────────────────
  {
    id: 'slack-bot-token',
    title: 'Slack bot token',
    keywords: ['xoxb-'],
    pattern: /(?<![A-Za-z0-9_-])xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,48}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant("{{ config(post_hook=\"call notify_slack('%s', '#data-alerts')\") }}", 'xoxb-2056953118-6132642469771-NpfRL3OKbJgGBgRVW0Kkw26Q'),
      plant('SLACK_BOT_TOKEN=%s', 'xoxb-2748193650-4829163750284-Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5'),
    ],
    falsePositives: ['xoxb-your-bot-token', 'xoxb-2056953118-6132642469771', 'abcxoxb-2056953118-6132642469771-NpfRL3OKbJgGBgRVW0Kkw26Q', 'xoxb-2056953118-6132642469771-xxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  {
    id: 'slack-user-token',
    title: 'Slack user token',
    keywords: ['xoxp-'],
    pattern: /(?<![A-Za-z0-9_-])xoxp-(?:[0-9]{8,14}-){2,3}[A-Za-z0-9]{28,34}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('token=%s&channel=C024BE91L', 'xoxp-388210374343-200815457137-5879396947903-4fd1bbf1572f093a2c144f85c264982e')],
    falsePositives: ['xoxp-388210374343-200815457137-5879396947903', 'xoxp-token-here'],
  },
  {
    id: 'slack-app-token',
    title: 'Slack app-level token',
    keywords: ['xapp-'],
    pattern: /(?<![A-Za-z0-9_-])xapp-\d-[A-Z0-9]{8,14}-\d{10,14}-[A-Za-z0-9]{32,80}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant('SLACK_APP_TOKEN: "%s"', 'xapp-1-A0QFZCVGQSO-3258613406399-4aa6bf03b7e2950bd6b4cacc38c2524674a0e2ddc5be51839c57302f7c307f75'),
    ],
    falsePositives: ['xapp-1-A0QFZCVGQSO-3258613406399', 'xapp-1-placeholder'],
  },
  {
    id: 'slack-config-token',
    title: 'Slack configuration token',
    keywords: ['xoxe.', 'xoxe-'],
    pattern: /(?<![A-Za-z0-9_-])xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{140,180}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'config access token: %s',
        'xoxe.xoxp-1-ksRBCW7fKeQ0xb8p9IINwGHNkqxkArKmq6ozLUHakmHvxuLtOwnT5PecCxgC5pnBSVhOhTfCYjWAuSSpFl1kVA4KOraYQaxnMQYil6Gc2GeaYaJN4yeoyT9F00UIiq8unNH53bnpbMBTOLaapMYO3wm3a8FdAbDncqyi',
      ),
      plant(
        'refresh_token=%s',
        'xoxe-1-qYwitqnx5TOgPPoj9cG14RNLKBMzV7XfamXcbnKjd5pDLVt4YTKdfagMaVlGOuYUFKM8K9hvBaWwJuVkrKBkxsARDpiugAhg9bxqCW4HU8kdUIPTVRR7JlCFXCDgrSBFz4pu6rspR9MKaZrRlH',
      ),
    ],
    falsePositives: ['xoxe-1-short', 'xoxe.xoxp-1-tooshort'],
  },
  {
    id: 'slack-workspace-token',
    title: 'Slack workspace or legacy app token',
    keywords: ['xoxa-', 'xoxr-'],
    pattern: /(?<![A-Za-z0-9_-])xox[ar]-\d-[0-9A-Za-z]{8,64}(?:-[0-9A-Za-z]{4,64}){0,4}(?![A-Za-z0-9_-])/,
    entropy: 3,
    confidence: 'high',
    truePositives: [
      plant('legacy workspace token %s still in use', 'xoxa-2-000693494161-6789212464286-6mVpZY0wJA7AChLv8vRJJhDg'),
      plant('SLACK_REFRESH=%s', 'xoxr-1-Ev2DmV9eGzny9XIHtlCnFQfw'),
    ],
    falsePositives: ['xoxa-token', 'xoxa-2-', 'xoxa-2-aaaaaaaa'],
  },
  {
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook URL',
    keywords: ['hooks.slack.com'],
    pattern: /(?:https?:\/\/)?(?<![A-Za-z0-9_.-])hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        "{{ config(post_hook=\"select system$send_snowflake_notification('%s', 'done')\") }}",
        'https://hooks.slack.com/services/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',
      ),
      plant('alerts go to hooks.slack.com/services/T0IJQF7WLB/B05LKHA3D9D/%s', 'hooks.slack.com/services/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'),
    ],
    falsePositives: [
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'https://hooks.slack.com/services/T0IJQF7WLB/B05LKHA3D9D/dZH46OcCQxpy',
      'see https://api.slack.com/messaging/webhooks',
    ],
  },
  {
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    keywords: ['discord'],
    pattern: /https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,80}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant('alert_url: %s', 'https://discord.com/api/webhooks/5719322597953347389/OCtn7f6h7-fOprzHnd4TvEu_twHUoY29jyLCsVOhXGZTE720wFEzSv4A1zZYwwyim8Mx'),
    ],
    falsePositives: ['https://discord.com/api/webhooks/5719322597953347389/<token>', 'https://discord.com/channels/5719322597953347389/1234'],
  },
  {
    id: 'microsoft-teams-webhook-url',
    title: 'Microsoft Teams incoming webhook URL',
    keywords: ['webhook.office.com'],
    pattern:
      /https:\/\/[A-Za-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}(?:\/V2[A-Za-z0-9_-]{20,80})?(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'on-run-end: "{{ notify_teams(\'%s\') }}"',
        'https://acme.webhook.office.com/webhookb2/ad12bc56-5788-4df4-af86-b807054470e3@e31083da-2fc6-48c9-ad56-d87c28b81949/IncomingWebhook/3601f68b02aa36c0501391f94385812b/f72b1304-d8e7-4e4f-a6ce-56b366efdafd/V2qRtpQArqAAYxNe2oFMU4A58BMlFv6UY4Gnp0Xu1Nmtt',
      ),
    ],
    falsePositives: ['https://acme.webhook.office.com/webhookb2/<id>/IncomingWebhook/<token>', `https://acme.sharepoint.com/${UUID}`],
  },
  {
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    keywords: ['telegram'],
    pattern: /(?<![0-9])[0-9]{5,16}:A[A-Za-z0-9_-]{34}(?![A-Za-z0-9_-])/,
    confidence: 'medium',
    truePositives: [plant("select http_post('https://api.telegram.org/bot%s/sendMessage', msg)", '5159565446:AA_zrFxf1McAz8z-l3KcZ2Jcph3GgNh-jP-')],
    falsePositives: ['5159565446:AA_zrFxf1McAz8z-l3KcZ2Jcph3GgNh-jP-', 'telegram 5159565446:AA_zrFxf1Mc', 'telegram at 12:30:00'],
  },

  // ── Payments and commerce ───────────────────────────────────────────────────────────────
  {
    id: 'stripe-secret-key',
    title: 'Stripe live secret key',
    keywords: ['sk_live_'],
    pattern: /(?<![A-Za-z0-9_])sk_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant(
        "select * from stripe_api('charges', '%s')",
        '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',
      ),
      plant('STRIPE_KEY=%s', 'sk_live_lxMBPbeSVJmTVq8wsb6NTmzU'),
    ],
    falsePositives: ['sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'sk_live_short', 'mask_live_lxMBPbeSVJmTVq8wsb6NTmzU'],
  },
  {
    id: 'stripe-restricted-key',
    title: 'Stripe live restricted key',
    keywords: ['rk_live_'],
    pattern: /(?<![A-Za-z0-9_])rk_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant(
        'stripe_api_key: %s',
        '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',
      ),
    ],
    falsePositives: ['rk_live_short', 'work_live_wNYFo516olmUXr0AWZi6lUfN28'],
  },
  {
    id: 'stripe-test-secret-key',
    title: 'Stripe test-mode secret key',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: /(?<![A-Za-z0-9_])[rs]k_test_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])/,
    confidence: 'medium',
    truePositives: [
      plant(
        'STRIPE_SECRET_KEY=%s',
        'sk_test_gzeL3XkGI0r6C7Aztpw33aCD90J5arzqEsw62fNsU2f8CfEZyeUn8v4uDsczEGFTCDZJc1r1Bpx8YLOjMvaovWRQpD5G2JWXKnV',
      ),
      plant("stripe.api_key = '%s'", 'rk_test_dqI0ezyByM1tCSRFSod6VFCM'),
    ],
    falsePositives: ['sk_test_123', 'task_test_dqI0ezyByM1tCSRFSod6VFCM'],
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    keywords: ['whsec_'],
    pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/]{32,88}={0,2}(?![A-Za-z0-9+/=_])/,
    confidence: 'high',
    truePositives: [plant('STRIPE_WEBHOOK_SECRET=%s', 'whsec_yLxLAW2Xp9KfolrGl8b1CY3JhrzDNShJ')],
    falsePositives: ['whsec_short', 'whsec_...'],
  },
  {
    id: 'shopify-access-token',
    title: 'Shopify access token',
    keywords: ['shpat_', 'shpca_', 'shppa_'],
    pattern: /(?<![A-Za-z0-9_])shp(?:at|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant('X-Shopify-Access-Token: %s', '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'),
      plant('custom app token %s', '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'),
      plant('{"access_token": "%s"}', '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'),
    ],
    falsePositives: [`shpat_${MD5.slice(2)}`, `shop_${MD5}`],
  },
  {
    id: 'shopify-shared-secret',
    title: 'Shopify app shared secret',
    keywords: ['shpss_'],
    pattern: /(?<![A-Za-z0-9_])shpss_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [plant('SHOPIFY_API_SECRET=%s', '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')],
    falsePositives: ['shpss_f3db1ee24d3db75424b1688aff88746'],
  },
  {
    id: 'square-access-token',
    title: 'Square access token',
    keywords: ['eaaa', 'sq0atp-'],
    pattern: /(?<![A-Za-z0-9_+/=-])(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})(?![A-Za-z0-9_+/=-])/,
    entropy: 4,
    confidence: 'high',
    truePositives: [
      plant('Authorization: Bearer %s', 'EAAAMcR4MVRZPApVLGwlIFJKsQy8QaxoHU4zyM-d0jshkyR9qadgTRIbSjKFHT4t'),
      plant('square_token = "%s"', 'sq0atp-TFswinAlUpTT33q9IsMZp1'),
    ],
    falsePositives: [
      'AAAAEAAAMcR4MVRZPApVLGwlIFJKsQy8QaxoHU4zyM-d0jshkyR9qadgTRIbSjKFHT4t',
      'EAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'sq0atp-short',
    ],
  },
  {
    id: 'square-oauth-secret',
    title: 'Square OAuth application secret',
    keywords: ['sq0csp-'],
    pattern: /(?<![A-Za-z0-9_-])sq0csp-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('SQUARE_APP_SECRET=%s', 'sq0csp-_2j5QHI4zbIwD41ttVFZHvxNdW1XI-zvVDV4keqStEK')],
    falsePositives: ['sq0csp-_2j5QHI4zbIwD41ttVFZHvxNdW1XI-zvVDV4keqStE'],
  },

  // ── AI services ─────────────────────────────────────────────────────────────────────────
  {
    id: 'openai-api-key',
    title: 'OpenAI API key (legacy user key)',
    keywords: ['t3blbkfj'],
    pattern: /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant("select ai_complete(prompt, api_key => '%s') from prompts", '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')],
    falsePositives: ['sk-jFwxy0kN8tzo43NDGST3BlbkFJQlpkwB2OixbprNi5KnJY', 'disk-jFwxy0kN8tzo43NDGSGsT3BlbkFJQlpkwB2OixbprNi5KnJY'],
  },
  {
    id: 'openai-project-key',
    title: 'OpenAI project, service account or admin key',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'OPENAI_API_KEY=%s',
        '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',
      ),
      plant('{"api_key": "%s"}', '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'),
      plant('admin key: %s', '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'),
    ],
    falsePositives: ['sk-proj-abc123', 'sk-proj-...', 'task-proj-IEEaKj-Oo_RfxcKBDWg60nw_NcYT3BlbkFJtiDu2kqTIp-O32uiOG12lhmF'],
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    keywords: ['sk-ant-api03-'],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-api03-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant('ANTHROPIC_API_KEY=%s', 'sk-ant-api03-h7FeVmZwU0dMsvqh6hVArp6zB6gyU_G7xgN4p5MLVN47RSG9CRYBnrVCtUy0ZRQuPsqbf-RDPZASocX3BBK2PPEf8t2LjAA'),
    ],
    falsePositives: ['sk-ant-api03-h7FeVmZwU0dMsvqh6hVArp6zB6gyU_G7xgN4p5MLVN47RSG9CRYBnrVCtUy0ZRQuPsqbf-RDPZASocX3BBK2PPEf8t2LjBB', 'sk-ant-api03-...'],
  },
  {
    id: 'anthropic-admin-key',
    title: 'Anthropic admin API key',
    keywords: ['sk-ant-admin01-'],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-admin01-[A-Za-z0-9_-]{93}AA(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant('x-api-key: %s', 'sk-ant-admin01-LznahaG6-9a6hRh0zvhFwjasm1SfoZs_95fLIDyXPyCdgxjcp-5f0Jz7qgqZyMPknxwBW-x-3EyvS7RN5E6chGdjrYlE7AA'),
    ],
    falsePositives: ['sk-ant-admin-test-key-123'],
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face access token',
    keywords: ['hf_'],
    pattern: /(?<![A-Za-z0-9_])hf_(?=[A-Za-z]{0,33}[A-Z])(?=[A-Za-z]{0,33}[a-z])[A-Za-z]{34}(?![A-Za-z0-9_])/,
    entropy: 3.8,
    confidence: 'high',
    truePositives: [
      plant('HF_TOKEN=%s', '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'),
      plant("select ml.embed(text, token => '%s')", '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'),
    ],
    falsePositives: ['hf_transformersautomodelforsequencex', 'ahf_VUyIRNWpRtMEcdummVEaaAmOFHImurWPoM', 'hf_VUyIRNWpRtMEcdummVEaaAmOFHImurWPo'],
  },

  // ── Email, messaging and SaaS APIs ──────────────────────────────────────────────────────
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    keywords: ['sg.'],
    pattern: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('SENDGRID_API_KEY=%s', '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')],
    falsePositives: ['MSG.b3DJWE5g4jYi5Rdr86wkur.Vzoh76OrC0ccYSPlV18Fgj-6bECv65I3KwUY0V45WqA', 'SG.short.key', 'select * from sg.orders'],
  },
  {
    id: 'twilio-api-key',
    title: 'Twilio API key SID',
    keywords: ['twilio'],
    pattern: /(?<![A-Za-z0-9_])SK[0-9a-f]{32}(?![A-Za-z0-9_])/,
    confidence: 'medium',
    truePositives: [plant('twilio: {api_key: %s, region: ie1}', 'SKe5b5b392af5bd2753fb6e332c8d44a83')],
    falsePositives: ['SKe5b5b392af5bd2753fb6e332c8d44a83', `twilio SK${MD5.slice(1)}`, `twilio message ${MD5}`],
  },
  {
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    keywords: ['twilio'],
    pattern: assigned('twilio[A-Za-z0-9_.-]{0,20}?auth_?token', '[0-9a-f]{32}', '(?![A-Za-z0-9_])'),
    confidence: 'medium',
    truePositives: [plant('TWILIO_AUTH_TOKEN=%s', '57c37f3ac05ff2b2323ccb08ddc6714b')],
    falsePositives: [`twilio_account_sid = AC51dfcfbdcc5c794b1263a9b659b29469`, `auth_token = ${MD5}`, 'TWILIO_AUTH_TOKEN={{ env_var("TWILIO_AUTH_TOKEN") }}'],
  },
  {
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    keywords: ['mailgun'],
    pattern: /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9_-])/,
    confidence: 'medium',
    truePositives: [plant("select mailgun_send('api', '%s', 'ops@acme.io')", 'key-a3754d8971c1b0a275490aac26ee439a')],
    falsePositives: ['key-a3754d8971c1b0a275490aac26ee439a', `mailgun cache-key-${MD5}`],
  },
  {
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    keywords: ['atatt3'],
    pattern: /(?<![A-Za-z0-9_-])ATATT3[A-Za-z0-9_=-]{186}(?![A-Za-z0-9_=-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'JIRA_API_TOKEN=%s',
        'ATATT3xFfGF02j9EUuUAsI9J2-M8nxO5MFfTnVE9jXaXVkynbkPrFZVJvIUsuBZHWz_Vfx8_2XQNBcZZvQRapURuRgm1eKJYbNjRC-V1nuksaY25MAuxg2fPR1ExQVWcm_TcjF-JEBDUxXWo6matJfuk_Q3NkqZ-gouz6xAkaFfVL8eUd98qDmO=04749944',
      ),
    ],
    falsePositives: ['ATATT3xFfGF0', 'ATATT3xFfGF02j9EUuUAsI9J2-M8nxO5MFfTnVE9jXaXVkynbkPrFZVJvIUsuBZHWz'],
  },
  {
    id: 'linear-api-key',
    title: 'Linear API key',
    keywords: ['lin_api_'],
    pattern: /(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [
      plant('LINEAR_API_KEY=%s', 'lin_api_Uemc49miOQx3jlC19cDztRzxb505uTTCC59VtOUb'),
      plant('Authorization: %s', 'lin_api_jQJZ1DbyYLyqsxnWeaD7beVdnkBQE8YRpyNCShiI'),
    ],
    falsePositives: ['lin_api_Uemc49miOQx3jlC19cDztRzxb505uTTCC59VtOU', 'stg_lin_api_calls'],
  },
  {
    id: 'notion-token',
    title: 'Notion integration token',
    keywords: ['ntn_'],
    pattern: /(?<![A-Za-z0-9_])ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [plant('NOTION_TOKEN=%s', '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')],
    falsePositives: ['ntn_47260580316WU00rVvpO99kzZZwy3HXUlx1nXR7GiN4k', 'ntn_secret_here'],
  },
  {
    id: 'notion-legacy-token',
    title: 'Notion integration token (legacy secret_ format)',
    keywords: ['notion'],
    pattern: /(?<![A-Za-z0-9_])secret_(?=[A-Za-z0-9]{0,42}[A-Z])(?=[A-Za-z0-9]{0,42}[0-9])[A-Za-z0-9]{43}(?![A-Za-z0-9_])/,
    entropy: 4,
    confidence: 'medium',
    truePositives: [plant('notion: {token: %s, database: tasks}', 'secret_cGDrK5SMyS73JVIQ2KPRbdDp0SIS5M9dRBGqqCd5gDz')],
    falsePositives: ['secret_cGDrK5SMyS73JVIQ2KPRbdDp0SIS5M9dRBGqqCd5gDz', 'notion secret_santaparticipantsbyregionandyearxxyz'],
  },
  {
    id: 'airtable-pat',
    title: 'Airtable personal access token',
    keywords: ['pat'],
    pattern: /(?<![A-Za-z0-9_])pat(?=[A-Za-z0-9]{0,13}[A-Z0-9])[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [plant('AIRTABLE_API_KEY=%s', 'patv9YtdN9eV0AUwM.7c48ba1fd8bfe2a9e322b9b510f8610ac6524671a7393049cd79ff3df9bc3502')],
    falsePositives: [`pathologyresult.${SHA256}`, `models/path/to/file.sql ${SHA256}`, `patv9YtdN9eV0AUwM.${SHA256.slice(1)}`],
  },
  {
    id: 'okta-api-token',
    title: 'Okta API token',
    keywords: ['okta', 'ssws'],
    pattern: assigned('okta[A-Za-z0-9_.-]{0,20}?(?:api_?)?(?:token|key)|ssws', '00[A-Za-z0-9_-]{40}', '(?![A-Za-z0-9_-])'),
    entropy: 3.5,
    confidence: 'medium',
    truePositives: [
      plant('OKTA_API_TOKEN=%s', '00vW7o8nyozgJXmm6u_XOu4SgAHUSkO2-M0MT6S91o'),
      plant('Authorization: SSWS %s', '00vW7o8nyozgJXmm6u_XOu4SgAHUSkO2-M0MT6S91o'),
    ],
    falsePositives: ['00vW7o8nyozgJXmm6u_XOu4SgAHUSkO2-M0MT6S91o', 'okta_token = 0000000000000000000000000000000000000000000'],
  },
  {
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token or global API key',
    keywords: ['cloudflare', 'cf_api_'],
    pattern: assigned(
      'cloudflare[A-Za-z0-9_.-]{0,20}?(?:api_?)?(?:token|key)|cf_api_(?:token|key)',
      '[A-Za-z0-9_-]{40}|[a-f0-9]{37}',
      '(?![A-Za-z0-9_-])',
    ),
    entropy: 3,
    confidence: 'medium',
    truePositives: [
      plant('CLOUDFLARE_API_TOKEN=%s', 'wW2WG1AHIqFGjHsKvjjibTv1FZLbvWWLWXEIQrYw'),
      plant('cf_api_key: %s', 'b3a729f09b9ea956ebe3903a0b1ffe9135b3d'),
    ],
    falsePositives: ['wW2WG1AHIqFGjHsKvjjibTv1FZLbvWWLWXEIQrYw', 'cloudflare_zone_id = 023e105f4ecef8ad9ca31a8372d0c353', 'CLOUDFLARE_API_TOKEN=${CF_TOKEN}'],
  },

  // ── Observability ───────────────────────────────────────────────────────────────────────
  {
    id: 'datadog-api-key',
    title: 'Datadog API key',
    keywords: ['dd_api_key', 'dd-api-key', 'datadog'],
    pattern: assigned('dd[_-]api[_-]key|datadog[_.-]?api[_.-]?key', '[a-f0-9]{32}', '(?![A-Za-z0-9_])'),
    confidence: 'medium',
    truePositives: [
      plant('DD_API_KEY=%s dbt run', '64c04571c40b557afa5a495bc273bcc7'),
      plant("select http_post(url, headers => {'DD-API-KEY': '%s'})", '07717046e34cd99954986bdbaf35c00f'),
      plant('{"datadog_api_key": "%s"}', 'f8733b5308ae1a48c5ca4a973fe7b0c1'),
    ],
    falsePositives: [MD5, `unique_id: ${MD5}`, 'DD_API_KEY={{ env_var("DD_API_KEY") }}', `datadog_api_key_id = ${MD5}`],
  },
  {
    id: 'datadog-app-key',
    title: 'Datadog application key',
    keywords: ['dd_app', 'dd-app', 'datadog'],
    pattern: assigned('dd[_-]app(?:lication)?[_-]key|datadog[_.-]?app(?:lication)?[_.-]?key', '[a-f0-9]{40}', '(?![A-Za-z0-9_])'),
    confidence: 'medium',
    truePositives: [
      plant('DD_APP_KEY=%s', '34a0d308261b450d7a94f1bde5e2d65a1f2780da'),
      plant('DD-APPLICATION-KEY: %s', 'c3f076824232aee0edc6a4352706315b1b4375a5'),
      plant('datadog: {application_key: x, datadog_app_key: "%s"}', '284f1e58adc2c2dafe5ed092355d72d956509a25'),
    ],
    falsePositives: ['260337081d41ea980033191294c06a886b81afdd', 'dd_app_key_rotation_days = 90'],
  },
  {
    id: 'grafana-cloud-token',
    title: 'Grafana Cloud access policy token',
    keywords: ['glc_'],
    pattern: /(?<![A-Za-z0-9_])glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=_])/,
    confidence: 'high',
    truePositives: [
      plant(
        'GRAFANA_CLOUD_TOKEN=%s',
        'glc_eyJvIjoiOTE3MDg5IiwibiI6InN0YWNrLTkxMjM2NS1ldGwtd3JpdGUiLCJrIjoiOVVrRkhWZFZnNlVqZkJjZ1dHUzZFbXpzIiwibSI6eyJyIjoicHJvZC1ldS13ZXN0LTIifX0=',
      ),
    ],
    falsePositives: ['glc_account_balance', 'stg_glc_eyJvIjoiOTE3MDg5IiwibiI6InN0YWNrLTkxMjM2NS1ldGwtd3JpdGUiLCJr'],
  },
  {
    id: 'grafana-service-account-token',
    title: 'Grafana service account token',
    keywords: ['glsa_'],
    pattern: /(?<![A-Za-z0-9_])glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [plant('Authorization: Bearer %s', 'glsa_sFm1f1Exqa0ZqAoJgMAO0tMsL4mdynmO_2c3f8041')],
    falsePositives: ['glsa_sFm1f1Exqa0ZqAoJgMAO0tMsL4mdynmO', 'glsa_sFm1f1Exqa0ZqAoJgMAO0tMsL4mdynmO_2c3f804'],
  },
  {
    id: 'new-relic-user-api-key',
    title: 'New Relic user API key',
    keywords: ['nrak-'],
    pattern: /(?<![A-Za-z0-9_-])NRAK-[A-Z0-9]{27}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('API-Key: %s', 'NRAK-88DHE5WIPIS4KONRCPG12N36JVN')],
    falsePositives: ['NRAK-88DHE5WIPIS4KONRCPG12N36JV', 'NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  },
  {
    id: 'new-relic-insert-key',
    title: 'New Relic insert key',
    keywords: ['nrii-'],
    pattern: /(?<![A-Za-z0-9_-])NRII-[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant('X-Insert-Key: %s', 'NRII-tBUi-fjv8m319d-G-A-Wmqkvf_v9rhHn'),
      plant('{"insert_key": "%s"}', 'NRII-47QplZIOuPPIqO6q_N5fop4aY2FHdUhH'),
    ],
    falsePositives: ['NRII-tBUi-fjv8m319d-G-A-Wmqkvf_v9rhH'],
  },
  {
    id: 'sentry-org-token',
    title: 'Sentry organization auth token',
    keywords: ['sntrys_'],
    pattern: /(?<![A-Za-z0-9_])sntrys_eyJ[A-Za-z0-9+/=]{30,1000}_[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=_])/,
    confidence: 'high',
    truePositives: [
      plant(
        'SENTRY_AUTH_TOKEN=%s',
        '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',
      ),
    ],
    falsePositives: ['sntrys_eyJpYXQiOjE3MTUwMDAwMDAuNSwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8i', 'sntrys_token'],
  },
  {
    id: 'sentry-user-token',
    title: 'Sentry user auth token',
    keywords: ['sntryu_'],
    pattern: /(?<![A-Za-z0-9_])sntryu_[a-f0-9]{64}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [plant('sentry-cli --auth-token %s releases new 1.2.0', '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')],
    falsePositives: [`sntryu_${SHA256.slice(4)}`, SHA256],
  },
  {
    id: 'sentry-dsn-secret',
    title: 'Sentry DSN with secret key',
    keywords: ['sentry'],
    // Modern DSNs carry only the public key (meant for clients); the legacy public:secret form does not.
    pattern: /https?:\/\/[0-9a-f]{32}:(?<secret>[0-9a-f]{32})@[A-Za-z0-9.-]{1,100}(?::\d{1,5})?\/\d{1,12}(?![0-9])/,
    confidence: 'high',
    truePositives: [plant('SENTRY_DSN=https://0b2276624fa9d501dc4642a75daf007a:%s@sentry.acme.io/42', '0136d26fdabb29d8c7f27476b0e06800')],
    falsePositives: ['SENTRY_DSN=https://0b2276624fa9d501dc4642a75daf007a@o4507.ingest.us.sentry.io/4507000000000', `sentry release ${MD5}:${MD5}`],
  },

  // ── Secrets managers and infrastructure ─────────────────────────────────────────────────
  {
    id: 'vault-service-token',
    title: 'HashiCorp Vault service token',
    keywords: ['hvs.'],
    pattern: /(?<![A-Za-z0-9_.-])hvs\.[A-Za-z0-9_-]{90,200}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'VAULT_TOKEN=%s vault kv get secret/dbt',
        'hvs.CAESI5Mc6I7SmWg8pTeNF-ok4itigQQeMWY0b4cAYZZ5N9ZX0bVmxnUwr1Tl84w35dC3RmIu5CzPS36TN8ZYU6BK70lZLbJ',
      ),
    ],
    falsePositives: ['hvs.short', 'select * from hvs.customers'],
  },
  {
    id: 'vault-batch-token',
    title: 'HashiCorp Vault batch token',
    keywords: ['hvb.'],
    pattern: /(?<![A-Za-z0-9_.-])hvb\.[A-Za-z0-9_-]{138,300}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'X-Vault-Token: %s',
        'hvb.AAAAAQBJw4cq-eXsconn1o3w1DeJN3gKDqKtAJf4m7I5SDsoG-xBIetsDRBDAjpK7_7f2HPeFFek7wBpz4KxYSy9wLiBVFTRQmlmFdywLL0vx2Qt1Px9jVFtQIBSH560hFYsuN-vZ9GbVpEVkf',
      ),
    ],
    falsePositives: ['hvb.AAAAAQBJw4cq-eXsconn1o3w1DeJN3gKDqKtAJf4m7I5SDsoG', 'select * from hvb.accounts'],
  },
  {
    id: 'doppler-token',
    title: 'Doppler token',
    keywords: ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.'],
    pattern: /(?<![A-Za-z0-9_.-])dp\.(?:pt|ct|sa|st(?:\.[a-z0-9_-]{2,35})?)\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant('DOPPLER_TOKEN=%s', 'dp.pt.Dh49xWwobCBqexqnrtxtUd7zVmZWtoBaOjim2MFF9u2'),
      plant('doppler run --token %s -- dbt build', 'dp.st.prd.4kKxR1tGprtyvr4E2xk2JXjT9aVn51mh1VOgJBAM90j'),
      plant('cli token %s', 'dp.ct.9iGA1uF02AdniJ4lEp7EsrOZXMU318qnydm20dhVaR7'),
      plant('service account %s', 'dp.sa.ONGZBnsQC31UazrMHjqRerT0s7nprL3KV7uIjGujuXM'),
    ],
    falsePositives: ['dp.pt.short', 'select dp.pt.amount from dp'],
  },
  {
    id: 'onepassword-service-account-token',
    title: '1Password service account token',
    keywords: ['ops_eyj'],
    pattern: /(?<![A-Za-z0-9_])ops_eyJ[A-Za-z0-9+/]{250,8000}={0,3}(?![A-Za-z0-9+/=_])/,
    confidence: 'high',
    truePositives: [
      plant(
        'OP_SERVICE_ACCOUNT_TOKEN=%s',
        'ops_eyJQ18ApEsHqmZKGQWn27F6Zu7NHpADnBLnYJqYpja+9gyTSigO5rmEwczDQWQWRYS7pPOrxCpbfG/H5Ti6sVsc0WQBrX+PXphqZ/A1WcE4hUJj2qQKgit0DbAArCCdT4C1wlsrezWMlu1uFefMaZS+cVX44t0vZsoRn48V2ugdP2nZTbplQyqkHSdpVNikAXCpUxNc6z0H8WTr0FN5CoYTJYoLKWutdmWGwsR2Ae8yUYYpdTJg5+Fh6PifZRqfezpPSsCZV6WWXKcPJLrc00L4f0EVHnGxJGHuVSYY0OqHGwn2',
      ),
    ],
    falsePositives: ['ops_eyJhbGciOi', 'devops_eyJQ18ApEsHqmZKGQWn27F6Zu7NHpADnBLnYJqYpja'],
  },
  {
    id: 'age-secret-key',
    title: 'age secret key',
    keywords: ['age-secret-key-1'],
    pattern: /(?<![A-Za-z0-9_-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [plant('# created: 2024-05-01\n%s\n', 'AGE-SECRET-KEY-1J7EVPMEU3A7ZMM7W0JKS4DQCDG4HG6TA2R8RJ2T2ATHK8V3QWLLSRQSE97')],
    falsePositives: ['AGE-SECRET-KEY-1J7EVPMEU3A7ZMM7W0JKS4DQCDG4HG6TA2R8RJ2T2ATHK8V3QWLLSRQSE9', 'AGE-SECRET-KEY-1...'],
  },
  {
    id: 'mapbox-secret-token',
    title: 'Mapbox secret access token',
    keywords: ['sk.eyj'],
    pattern: /(?<![A-Za-z0-9_.-])sk\.eyJ1Ijoi[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant(
        'MAPBOX_DOWNLOADS_TOKEN=%s',
        'sk.eyJ1IjoiZ2VvLXRlYW0tenpnbWYiLCJhIjoiY2xieHU4MGd0MWZtMWJyNGtnOGVzMXVrdiJ9.cGYbQ7eGqGalTNwNhcM4kK',
      ),
    ],
    falsePositives: ['pk.eyJ1IjoiZ2VvLXRlYW0tenpnbWYiLCJhIjoiY2xieHU4MGd0MWZtMWJyNGtnOGVzMXVrdiJ9.cGYbQ7eGqGalTNwNhcM4kK', 'sk.eyJ1Ijoi'],
  },
  {
    id: 'planetscale-token',
    title: 'PlanetScale password or token',
    keywords: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'],
    pattern: /(?<![A-Za-z0-9_])pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=-]{32,64}(?![A-Za-z0-9_=-])/,
    confidence: 'high',
    truePositives: [
      plant('password: %s', 'pscale_pw_yLgKhDZ69UaBBQnXfaXxQMBVlziSekLHlgb8Eof8hf9'),
      plant('PLANETSCALE_SERVICE_TOKEN=%s', 'pscale_tkn_9zfaYmlETdRh7nUmmEFt4pJgdUkDgu2BKQkdBBilLO4'),
      plant('{"token": "%s"}', 'pscale_oauth_Lkq84nQXgW06tFZvFjAqIn3KIQ3ai66uOOs2i9dRAjU'),
    ],
    falsePositives: ['pscale_pw_short', 'pscale_pw_'],
  },
  {
    id: 'supabase-access-token',
    title: 'Supabase personal access token',
    keywords: ['sbp_'],
    pattern: /(?<![A-Za-z0-9_])sbp_[a-f0-9]{40}(?![A-Za-z0-9_])/,
    confidence: 'high',
    truePositives: [plant('SUPABASE_ACCESS_TOKEN=%s', 'sbp_20edcd9ad13faf228c3d2433cc3bbe3ae833acc9')],
    falsePositives: ['sbp_20edcd9ad13faf228c3d2433cc3bbe3ae833acc', 'dsbp_20edcd9ad13faf228c3d2433cc3bbe3ae833acc9'],
  },

  // ── Generic signed tokens ───────────────────────────────────────────────────────────────
  {
    id: 'jwt',
    title: 'JSON Web Token',
    keywords: ['eyj'],
    // Header and payload are base64url JSON objects (eyJ = '{"'); the signature must be present.
    pattern:
      /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,4096}\.eyJ[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{16,1024}(?![A-Za-z0-9_-])/,
    confidence: 'high',
    truePositives: [
      plant("select * from read_json('https://api.acme.io/v1/orders', headers = map {'Authorization': 'Bearer %s'})", JWT_HS256),
      plant('Connection failed for token %s: 401 Unauthorized', JWT_RS256),
    ],
    falsePositives: [
      'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJzdmMtbG9hZGVyIn0.',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.xxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
];
