/** Token formats: cloud providers. */
import { assigned, type FormatFamily, MD5, pemBlock, plant, SHA256, UUID } from './define.js';

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

export const CLOUD: FormatFamily = {
  id: 'cloud',
  title: 'Cloud providers',
  formats: [
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
        /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:(?:\r?\n|\\{1,2}n)(?:Proc-Type|DEK-Info|Version|Comment|Charset|Hash): [^\r\n\\]{1,200}){0,8}(?:[A-Za-z0-9+/=\s]|\\{1,2}[rnt]){64,16384}-----END (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/,
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
  ],
};
