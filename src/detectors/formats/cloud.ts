/** Token formats: cloud providers. */
import { assigned, assignedTo, type FormatFamily, lettersAndDigits, MD5, pemBlock, plant, QUERY_AMPERSAND, SHA256, UUID } from './define.js';
import { isDerPrivateKey, isPemBase64, isPemBody } from './structure.js';

/** The API key in every Google Chat incoming webhook's URL: Google's own, public, the same for all (the webhook's secret is its `token`). */
const GOOGLE_CHAT_WEBHOOK_KEY = 'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI';

/** A line break in a PEM block as an artifact writes it: real (LF, CRLF) or escaped once to four times. */
const PEM_NEWLINE = '(?:\\r?\\n|(?:\\\\{1,4}r)?\\\\{1,4}n)';

/** The body of a PEM block (after its BEGIN line) opens as a key's does: DER's SEQUENCE with a two-byte length (`MII`) or an OpenSSH key. */
function startsLikeKeyBody(block: string): boolean {
  const body = block.slice(block.indexOf('-----', 11) + 5).replace(/^(?:\\{1,4}[rn]|[\r\n])+/, '');
  return body.startsWith('MII') || body.startsWith('b3BlbnNzaC1rZXktdjE');
}

const RSA_BODY =
  'MIIEowIBAAKCAQEAWXRQr8wpa09mYRGKMMq4+n5p4zRj4Un+Z3crpQrrt8UaEgaWm2NMNkyE+nAbGbGlcioJX+W/WdCkw20Z6VfxrHq2OXRgCNwl' +
  'tU0QPgN0Ctqr4Xe/N8OQl04tQAm/Qd0EfP4jdD/7hBl2mIUkPWIMiA6GTPSYZwFFhmkXU9PJzeLXTcoiGz8El+3H7vb8/v4XqUaFhcRWAzegIns' +
  'wHh6gm05KyJUQaTsa9ad2+KOe6gt4A4f7EJtqKncvZYhhJXFNUgm15e2RZb1Ah8OJccUkUfZSodYQ/mJcZzbvhG61MkkY7KTu';
const PKCS8_BODY =
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC0QZ6heJzHpuxa3AkO+r9Zx0BU0GLvN2Rwt/VKYzNXqzR6fcH8TQPjjKycbx3BkjO+9hil39HYT49Fjma' +
  'sMy5z5epIuByttW8hrg/d2UXY/TmwbVYpZVBSIhlX24no4LqQxx1sL9apEMCKF99Ngx2X79SPi9w0klNiBCmbqUAktSwiDiUuhuidcejRoXsETI8' +
  'B6HLeUCpeBoR3fArQsCM1xj2Y1QympOuPppauUjd/lENJL3eGBQkPZf9vs553qSFDVM8tdcia2Wfrz7b3fiyjnabx3NuUUmR';
/** A body of random bytes, as a key made up from a peer scanner's pattern has: no DER, no OpenSSH header. */
const RANDOM_KEY_BODY =
  'h2ma4q5/Q0BbAs5lf9fY7khddF78ko/IjxdS5rzRyf2rCUm2LG6ULUnmUH/RQH+wGEIglEVTkv0ljwsuerjCl22JRuVbCJB7Ft44Pkf7gXNdsH3F' +
  'eIwk4Ut2eaWIy7w2hS1uYQHr85gpRqq8ucavy7jHmObqF7cjha+4/V6tJNIM+/KupbRjK51VDurcmq+8';
/** Made-up DER with a real header and random content: PKCS#8 and PKCS#1 RSA 2048, PKCS#8 and SEC 1 P-256. */
const RSA_DER_B64 =
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKfrdZgMVPqVVmGv1YfxgJEi4AjJGrSlFiNIVXvyM/4AwTBZExGpOrSKhdch90jLO9c97hrVBtt75B' +
  'fqM1SOxfuCyGKw9WFTAKNyW8JR+I8cQGz/OjHfOgdxR9NITaRGLuVfsN/uJg0y5L7NnZDrRCt6/XA+3eRcuLqaNmwJQvC+opvhtttG+bxBWZ/7' +
  'VMoaMm8CJPjGHiJu2KvsKrHhLoPAMwWlRZnfOzuyk/0LqBixg8N7Qrcdfc0iSduwP3wmoWbXNWLGUM9PHwJY5dMi1ZaZ+uCcov9n8osDtZ+Qlb' +
  'PhJcnC+vvwVS69TCsKveRNWZrb6zYg2KtbGC9mz6CJYtZi1rcvZD+GafkbA5rqc5M0o5T3iyNRq9ey7LyuovUD76uyOpef5w0U4VHeahfypHP2' +
  'DMLDMEcQkxkfYMbCQqzTslKV3Ta2ioMyOfBYxpXZzHDd7dahey8C6TTflTHO4LsAJqVLZK5DI5crU1oZpZ81CUSMhHK/zZbyB0NAl5JHjKR0aG' +
  'fV7xsU6M2BUhwLhWgtlatzhD+c2jQ6Bw1lgvSxR3qssSVz7LHTuISExo5J53NKoMPoBFVjYq/rJmXEAFkbIarOx8yeUZWQJ65ZEArJ3ioHdXgR' +
  '2ChcOgQroy2uEX3peVgLhXEW7id4Qw/1QHavmOQt1hjUVgTjZ4y2ct/TKRZyPCev+z+VNn4s9lAJmSJPfhxY9nn1vucSDDkEuw1RP3lwmQHu8D' +
  'aSYF6vpPfr2ONFfB0/xlfwl+npSpTJVDNkyKpD9rFO1JnJtTymv8wagqbSUsKNKWInGAiND4+1zolAO/MpvnUUaSUe1/5ghC8SKugAjxYcdpjB' +
  'jTOWIq0oZYTWOmhBkywRkdvV11cwoZttkH+HnSHnukuch+13qqyupYAeVyaDtUfuFWki7mLsiHktVRXtav6dVSohxoVOTiqhTv8TgQCAPSpqm5' +
  '/oSgX9wGKr9FoBGNw64ZB1ig4F/uOLv0wwsI8hPhJ0ldm4ziUbXHm1m8rg0d6nnuecaTGlzArKAoV6Imz06T135knXVwUz6zEoV1wMkD3/wxEH' +
  'pETXR1kDXy+tgUedfk/AvwAs3JSX6NmCgp/VBbIJDOeFiFaUr84U9wRzhwb63UZnXGrG7/zqeqE2sqa9YvPr6UmCzYj/VvwvCfpp3woWfHH5mj' +
  'HCmP1bA8lrLVT2e6tt50XgZK3abE5diDbPlZY9K0/4NNxU+PymZ2AX1Ep34vST4CTVibGn85N6cmlpCiMtdtBoHjuyKIn9uIlToopZl2qcvuvH' +
  'XqE6f7TZXT9sX6UBUzHe1w2DWzq7X4hdEPRg1JqVQRua+PimD5rswaYwyCuCkTc+Pysz2cGeJk4cR5Wrrj+AV/PdZf/t7Abbqm41khNc/dDLlA' +
  'K0rjbG+pSwQxUdqI9S1rjSUT/PZRNqq6qsA7MV/i9/BWui4mQQ1bjMLjVVpgXNONYXgZxOSjeqDdfLML5WTRmWyYonzgivcts9exi/awA9Mgbp' +
  'na/1u6HiNRoBiujIXt3hXgqYsbVjREtoN8VJB/5wh3MuFpEz0pt07Da6nRsTO/y4zBJWv44No+j6HTScQg8=';
const RSA_PKCS1_DER_B64 =
  'MIIEpAIBAAKCAQEAZaO/IT9VhmB5jk1x1VAqMVtsVXkQJOBgbPdrkCXAX42G2jJwrntzx0X3UHRO3SHrcN07zjYi4WDyiWvRTTutw9J4eXofrF' +
  'xQU+pBwV42j4x0RgA5VUJ5BxrFvneYsfvqL3yOnxOoVXc392lvbIYQp/XBtXL4qW077g+tEtUOteznEp2KuPAeqK48iCulznaGbFGPksMOpE4L' +
  'ZjX5Ba956U9JGChYGAYIGX+aY7qTC6XFuUkRSrvLe0OdnYQAt/BqNmSAodQtbhg9fn1fSJ/RMlm7pTRTd/IQkr1q+HZcov6y2Xq89rDwv3F1TW' +
  'C9285CaGqcqgigXyKZWiiJUo93+3zNfU12HILTLfks5FcXphEFRZf69P7Rj86/qVUnMbJ9UgifLaWIhwtSk9tldi7tl25PoXvgC8/i0kc0l87u' +
  'gNIP/0vZGd0rzJyuBsA4HJtNw1Xc+aGixhQaj0yWFJ3PyXlh+fpSDG3tE86qKbr6LcxIh+lfWAEJ7nyUsK/cxiiqoyVQqUC+ygDdKZNaRwxDGm' +
  'wjSBRLUT+xS2fElhjlvw9K679btHLnjl113U00gErVErZwsW6z1JrTxvawwxGVnSp4PqUqEBz1/bdHeqN39ofWO0zYb3/+js/j0stB5E20ncpW' +
  'TV/p/j2e8kRMkK8dx36FiAH1k2BqGsuzq1hzhoDoXyPhuTlFUtwbTHLk38UB4mwHf10bpUJKLuW1ND7UxtydOkbAvJCaHU5aXYUMS6oVxvJiFH' +
  'F1mlmF/bXqkP8JSxRK9/MdVxUTREzD5pkwQR2HhcZ0LZpEuK3vRtHZiBWUmhRU6nVb8D5iZpezdVrq7r6KnD9c5ke3Teh93OYh2GxfC4NYnwI8' +
  'FmOF6DiYTeyqJNmyfGv2NotztpytRBl51v0mvr9RmqL1k5qkUoaq+DEHOUZ06naNvVOPCPbOq9PuRf3NihMjl7yqdcGCaGn96IYaBgFccxW6Ix' +
  'VTmLjKTTUtI5soL9IOdJ/ETZih9yP7BdYIPCAviLrKowyK7UYsyAmBK8UVG5fuJ2f4cgn9TP5La0vmiJjT4RTNE30KiK3jW6Njz+LhTY+dxt90' +
  'evWkm+9iL+Ws8EbCvt2cPYwX/rXNn/RzUkbXW514YEEq/Oby2QnYJ0MP6P/RTTgyL6Y51/EvBFp5kEoTsJi8K8szLEpPdTqYVjeTTi2fzsbvty' +
  'SCrk/YQjQYAFhZwmncNzKRFU3qsAQfMadEMwvkTpy3PrzhARG4HkGw9IP1M9Lu9E0OeHePEmL91NKkWgG5e8Q/sKyNV1VOrSh2CbzQvHB70dGU' +
  'q2k+qCHV5fpmVwZrVDcWXMPCBpb/9Qr9lV8CxZqQJ+pkESKtm7gJNZ8qort1AimN5yeMYtrGT8/ETgsZHLTjtBMeqNhfmLig20C46L4RhZJ1Rz' +
  'CBNQnnb5uvUQWHuTt5sjysOKP+8KKkno0qohutK1bLXg5NIlUhy9TuBkVlzERzsLnY2syQ+a85XxQmKFQTqzhusw+C+Rjl4DYFrN5nTnvswlrN' +
  'fIOZ/kNTgS4a5dWjEC60KAiMPyD5sCVKEtpVqeVDtbtyD8OF5w==';
const EC_PKCS8_DER_B64 = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgFr0NqMqBjNrKhSObNQIxxfuses8G/yAm8bP3IxUuRltunGZGjYsEmeB/bV1Bng5Mzfme9Tu/3KHxTZuvjxKD37j42R1RAK96B7nGOtlO0tdWjZSzuMiAj3893doxFVlpwGfibZ3R';
const EC_DER_B64 = 'MHcCAQEEIHjIUYNiBJuMx7FY1ntElt2RMQxQ+/i43Wc65b/8VWzBoAoGCCqGSM49AwEHoUQDQgAkRrt3cMFs/xfN1Op2h0jI/JgE0H7AAZdXh4ueiA+YUZXA5y3yC0R1+yFf6+r9O2YH825tlBCO6NLqr0co5/HunQ==';

/** PKCS#8 of an Ed25519 key (`openssl genpkey -algorithm ed25519`): 48 bytes, one line of 64 characters. */
const ED25519_BODY = 'MC4CAQAwBQYDK2VwBCIEINjFW38M3OCf0JUkv+0+NQs+zSXJmty67bvM2/0WWBMq';
const OPENSSH_BODY =
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW7WpxoQMkzfabhasZgsWNaibCOt8B9c1YSphar2QEb1' +
  'ZiiHN30uxHNEydtYnE2Hkec6jZduHhd1Qpv/u8XYy43+ZRJehTgwxOn6hhZYprfwUxDuLOUpXBTdX+4GRoqlLUKQUz/2T2kSHGQrAHklChlmhTuu' +
  'kKkXcqJDnJki60ArNAxeLE2jtH/17C2+vdoiYdUTGYZP9AXWmW7T49tyy4frpMOSZnYCBk2yxq0mhGO+35/tKwIdAKuz/+4Z';

const PPK_HEAD =
  'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ed25519-key-20240101\nPublic-Lines: 2\n' +
  'AAAAC3NzaC1lZDI1NTE5AAAAIMJv7q3Rk9Xz2Lm4Np8Qw6Ty1Hb5Gc0Vd3Fe\nSa7Ku2Jo9Pi4\nPrivate-Lines: 2';
const PPK_PRIVATE = 'AAAAIFQz8Kx2Lm9Rt4Vw7Yb1Nc5Hd3Gf6Jk0Pq8Ws2Ez4Ua7Ix9Ob1Tc3Me5\nRg6Yh2Nj8Ql4';

/** A GCS HMAC access ID written as docs write one: GOOG1, EXAMPLE and a mask, 61 characters. */
const GCS_EXAMPLE_ID = `GOOG1EXAMPLE${'X'.repeat(49)}`;

export const CLOUD: FormatFamily = {
  id: 'cloud',
  title: 'Cloud providers',
  formats: [
    {
      id: 'aws-access-key-id',
      title: 'AWS access key ID',
      keywords: ['akia', 'asia', 'abia', 'acca'],
      // AWS documents uppercase letters and digits; issued ids are base32, but older samples and
      // some tools' fixtures use 0/1/8/9, so accept [A-Z0-9] after the four-letter prefix. One with
      // 0, 1, 8 or 9 in it was never issued: reported at confidence medium, its message saying so.
      pattern: /(?<![A-Za-z0-9_])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9_])/,
      keyStructure: (id) => /^[A-Z]{4}[A-Z2-7]{16}$/.test(id),
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
      id: 'gcs-hmac-access-id',
      title: 'Google Cloud Storage HMAC key access ID',
      keywords: ['goog1'],
      // A service account's HMAC key for Cloud Storage's S3-compatible XML API: GOOG1 and 56 upper-case
      // letters and digits (61 in all); its secret, 40 base64 characters, is the next row's.
      pattern: /(?<![A-Za-z0-9_])GOOG1[A-Z0-9]{56}(?![A-Za-z0-9_])/,
      entropy: 3.5,
      confidence: 'high',
      note: 'GOOG1 and 56 upper-case letters and digits, 61 in all: the access ID of a service account\'s HMAC key (interoperability with S3 tools). Deactivate and delete the key under Cloud Storage, Settings, Interoperability.',
      truePositives: [
        plant("create secret gcs_hmac (type gcs, key_id '%s', secret '{{ env_var(\"GCS_HMAC_SECRET\") }}')", 'GOOG1EFCX4G5SY34JDF2ESX3XCN2EAAXEOBUWKBANTOTCSRN6JNRD44GARPF4'),
        plant('export AWS_ACCESS_KEY_ID=%s  # the GCS bucket through the S3 API', 'GOOG1EIVWBGJEKPS6BLSINHK3AWREDOKZ4UEMFTCNP47WRCMTARBQ4OVWNXHX'),
      ],
      falsePositives: [
        'GOOG1EFCX4G5SY34JDF2ESX3XCN2EAAXEOBUWKBANTOTCSRN6JNRD44GARPF',
        'GOOG1EFCX4G5SY34JDF2ESX3XCN2EAAXEOBUWKBANTOTCSRN6JNRD44GARPF4Q',
        'xGOOG1EFCX4G5SY34JDF2ESX3XCN2EAAXEOBUWKBANTOTCSRN6JNRD44GARPF4',
        'GOOG1EXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        'goog1efcx4g5sy34jdf2esx3xcn2eaaxeobuwkbantotcsrn6jnrd44garpf4',
      ],
    },
    {
      id: 'gcs-hmac-secret-after-id',
      title: 'Google Cloud Storage HMAC secret beside its access ID',
      keywords: ['goog1'],
      // as aws-secret-access-key-after-id: the 40 base64 characters right after an access ID (two arguments,
      // a CSV row, `id:secret`, words apart) are its secret, whatever names them
      pattern: /(?<![A-Za-z0-9_])GOOG1[A-Z0-9]{56}\\?["'`]?(?:\s{0,4}[,:;|]\s{0,4}|\s{1,4})\\?["'`]?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/,
      entropy: 4.2,
      confidence: 'high',
      truePositives: [
        plant("select set_gcs_credentials('GOOG1E7E4KFSUC7JCU5F7LJXMKKOUEKGR6OGBHXAKV6EESOZPD27RKB5NEJP7', '%s')", '65vfUOTBg9qUTR8EKDRFfggfd+kty++zIcp/tO2I'),
        plant('HMAC key for the loader: GOOG1EIVWBGJEKPS6BLSINHK3AWREDOKZ4UEMFTCNP47WRCMTARBQ4OVWNXHX %s', 'V/3zulS6fc34SlMwHdOLnGFjeF/gwsHTKzUo7Zs6'),
      ],
      // (an access ID of the docs' placeholder shape, which the row above leaves alone: a secret's look-alikes after it)
      falsePositives: [
        `'${GCS_EXAMPLE_ID}', '{{ env_var("GCS_HMAC_SECRET") }}'`,
        `${GCS_EXAMPLE_ID},260337081d41ea980033191294c06a886b81afdd`,
        `${GCS_EXAMPLE_ID}, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
      ],
    },
    {
      id: 'aws-secret-access-key-after-id',
      title: 'AWS secret access key beside its key ID',
      keywords: ['akia', 'asia', 'abia', 'acca'],
      // The pair as a function's two arguments, a CSV row, an `id:secret` or `id / secret` pair or words apart
      // (`create_aws_credentials('AKIA…', '…')`, `AKIA…,…` of the console's download): the 40
      // characters right after a key ID are its secret, whatever names them.
      pattern: /(?<![A-Za-z0-9_])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\?["'`]?(?:\s{0,4}[,:;|/]\s{0,4}|\s{1,4})\\?["'`]?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/,
      entropy: 4.2,
      confidence: 'high',
      truePositives: [
        plant("select aws_s3.table_import_from_s3('raw.orders', '', '(format csv)', aws_commons.create_s3_uri('acme', 'o.csv', 'us-east-1'), aws_commons.create_aws_credentials('AKIARHWVJIPFU4OKOUTB', '%s', ''))", 'Aah/NS7bre6Mqr41ZaUbbUACFgbVjqNAyXTNgaC1'),
        plant('User name,Access key ID,Secret access key\ndbt-loader,AKIATOE2AM4I2BIZBJR6,%s', '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'),
        plant('temporary pair ASIAJN6RTSE4XBRGHZAQ:%s (expires in 3600s)', '09Y64tPlyUffOiEqaiwCWgBi+0JE2w1enyaZ+C4N'),
        plant('loader keys ABIAYMUOFY73RQFDJBVJ %s', 'jyzgDlob1QhkdKLmnGD5Ynkd8Hb1bHbu1o8S3yk7'),
        plant('"ACCAAYDZCUNMWUFRXDP5"; "%s"', 'Iskcd3+ZJ3Pp/DEOyZCE4Gt65VvUpVjhqTCfqyc9'),
        plant('Loader key: AKIATOE2AM4I2BIZBJR6 / %s', 'ZfDWuO/QEbAe9kLmN3pQrS5tUvWxYz01b345tG7h'),
      ],
      falsePositives: [
        "create_aws_credentials('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '')",
        "create_aws_credentials('AKIAIOSFODNN7EXAMPLE', '{{ env_var(\"AWS_SECRET\") }}', '')",
        'AKIAIOSFODNN7EXAMPLE,260337081d41ea980033191294c06a886b81afdd',
        'AKIAIOSFODNN7EXAMPLE, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      ],
    },
    {
      id: 'aws-session-token',
      title: 'AWS session token',
      keywords: ['iqojb3jpz2lu', 'fwogzxivyxdz', 'fqogzxivyxdz'],
      // STS's session token, the third part of a temporary credential (ASIA…): base64 of a structure whose head is
      // constant, `IQoJb3JpZ2lu` (since 2019) or `FwoGZXIvYXdz` and `FQoGZXIvYXdz` before it, then hundreds of characters
      pattern: /(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/]{100,4000}={0,2}(?![A-Za-z0-9+/=])/,
      entropy: 4,
      confidence: 'high',
      note: 'The session token of temporary AWS credentials (IQoJb3JpZ2lu…, or FwoGZXIvYXdz… from older STS): with its ASIA key id and secret it acts as the role until it expires. Revoke the role\'s active sessions (IAM, the role, Revoke sessions) and find where the three were printed.',
      truePositives: [
        plant("aws_commons.create_aws_credentials('ASIAJN6RTSE4XBRGHZAQ', '09Y64tPlyUffOiEqaiwCWgBi+0JE2w1enyaZ+C4N', '%s')", 'IQoJb3JpZ2luX2VjEWbHcb5/hCmecalcbtcJfF1Di0CuFz0QPnXlrf+9mM70bqyOOVMbtX1X7iJrW8VvA5hyC406UqoxdpfuDvEXUJsMvAcd/eSJL2YxE6QWgiGwylhcWUSiip6/DXU/k89JFvifkBaU+dwT6Vk8tNk2qMjXZKuZYFoqn9eiJofbdDPrUIMMgb7g+YGLDrjo4fB9Hd+K16GdTX103heWu0V/7e+m2R6jH44k2bw/1huJqoYjfh4yFBhdGU65g5SNghRexvBAnVOvNN+wAIaxrkroqdCzdpwYSFIwZ6jTGUnLYgo2acQRc0pTigSS7U6097i6lanwQyR4oS6pyC5VN/N7A'),
        plant('export AWS_SESSION_TOKEN=%s', 'FwoGZXIvYXdzEqoGtvMbUBUGMfafmPfQJYe9bdHiOVReAz5CMwFMjbI2lQORijGltbWjVHJfXxRiEQ/q3bo8YBuQiqoutmGEk1nwkPvhCASUkogCf10kWpf5UPtDTZKq+Q692iNSregqmvAv4JwCtXBbuqKURdI8v2xEsIcBxNXzDzC6Yrx1xCXyhrfV0r2Vx2g2mU4j7KNAI9O0TF4kxjeJ7lVe2mywROcS2vupBUDA9ES2WwJb3VT5NlHnh7+2IYoL1vBfbVSjvbn9NhP3BU+q/4HnoIMnvoLqgjtd3qsXP05Qs6xIdHoUTeyGz1yaGlfktd69XVyZwb5uMOLCmVu6deCybOp5+'),
        plant('[loader]\naws_session_token = %s', 'FQoGZXIvYXdzEWCi4/AaSRM/SRMsjku4KMzN5arF4Eg7oCqj5TTatovnCHe5urtYfMINd4fQL/vKzJ/Bu8mLNa4KwFTtZ89o2E5QU9W9LgjMa2LhgeX7vxjTRXuOuEPkMfnMZyHV7O5htyfQkEkpew0sI3EDpSnK54LbU3nSwNb+aDh5GVsBh3rwlFi815fTZLBdVOoZvas/a/GDI43xmb69BD3ya8gXgcqakci9h+3F00aQcRvWu625Qol+msIQzmHcFTIspUwXXlhbman22kYv/9m+wRX9IECdFP5B/GRv+7ynwYVY1o0Mj'),
      ],
      falsePositives: ['IQoJb3JpZ2luX2VjEXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'IQoJb3JpZ2luX2VjE<session token>', 'aws_session_token: IQoJb3JpZ2luX2VjE', 'xIQoJb3JpZ2luX2VjEWbHcb5/hCmecalcbtcJfF1Di0CuFz0QPnXlrf+9mM70bqyOOVMbtX1X7iJrW8VvA5hyC406UqoxdpfuDvEXUJsMvAcd/eSJL2YxE6QWgiGwylhcWUSiip6/DXU/k89JFvifkBaU+dwT6Vk8tNk2qMjXZKuZYFoqn9eiJofbdDPrUIMMgb7g+YGL'],
    },
    {
      id: 'google-api-key',
      title: 'Google API key',
      keywords: ['aiza'],
      pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/,
      // every Google Chat incoming webhook's URL carries the same public key; its secret is the `token` after it
      verify: (key) => key !== GOOGLE_CHAT_WEBHOOK_KEY,
      note: "The key that every Google Chat webhook URL carries (`key=AIzaSyDdI0…&token=…`) is Google's, the same in all of them, and not reported: the URL's secret is its token.",
      confidence: 'high',
      truePositives: [
        plant("select net.http_get('https://maps.googleapis.com/maps/api/geocode/json?address=' || addr || '&key=%s')", 'AIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5f'),
        plant('Geocoding key for the stores model: %s', 'AIzaz4ZIJCyeZqHIy_Nbg2leEcOcbYvPAAVfo3K'),
      ],
      falsePositives: [
        'AIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5',
        'AIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5fQ',
        'xAIzaRx80gl-MNEgjCSaFnrehy38ZUT0eW0orl5f',
        'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        `https://chat.googleapis.com/v1/spaces/AAAAb3xYz1Q/messages?key=${GOOGLE_CHAT_WEBHOOK_KEY}&token=Xk3v9Qm2Lp7Wz4Rt8Yb1Nc6Hd0Fg5Js2Ke9Ua3Vi7Oq`,
      ],
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
      id: 'google-oauth-refresh-token',
      title: 'Google OAuth refresh token',
      // Google's refresh tokens begin `1//0` and run on in base64url (about 100 characters): what an
      // installed app's or a service user's OAuth flow stores (Google Ads, Sheets, BigQuery's
      // `refresh_token` in a profile) and what a copy of a token response carries.
      keywords: ['1//0'],
      pattern: /(?<![A-Za-z0-9_/:.-])1\/\/0[A-Za-z0-9_-]{60,512}(?![A-Za-z0-9_-])/,
      entropy: 4,
      confidence: 'high',
      truePositives: [
        plant(
          'Google Ads refresh token (service user): `%s`',
          '1//0gKx7Rm2Qd9LpVw4ZtYb8NcHs3JfUe6XaWq1CrGi5TnBo0MlEkPzSvAyDhIjF-uRgLx7_Kd2Mw9QpZt4Yb8NcHs3JfUe6XaWq1CrGi5TnBo',
        ),
      ],
      falsePositives: ['1//0', 'http://a/1//0gKx7Rm2Qd9LpVw4ZtYb8NcHs3JfUe6XaWq1CrGi5TnBo0MlEkPzSvAyDhIjFuRgLx7Kd2Mw9QpZt4', 'refresh_token: 1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
    {
      id: 'gcp-service-account-key',
      title: 'GCP service account private key (JSON key file)',
      keywords: ['private_key'],
      // The key file's "private_key" field, as JSON inside a string: its newlines are `\n`
      // escapes (or `\\n` when nested twice), or real ones once the inner JSON was decoded. The name in
      // quotes, as a key file (or Python's dict of one, a log's `keyfile_json`) writes it: `private_key="…"` in a
      // driver's repr or `private_key: …` in YAML is dbt-snowflake's key pair as often (red team 119), a private
      // key of no cloud's (private-key's).
      pattern:
        /(?<![A-Za-z0-9_])\\?["']private_key\\?["']\s{0,4}[:=]\s{0,4}(?:\\?["']){0,3}(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----(?:[A-Za-z0-9+/=\r\n]|\\{1,2}[rn]){64,16384}-----END (?:RSA )?PRIVATE KEY-----)/,
      entropy: 4.5,
      verify: isPemBase64,
      keyStructure: isPemBody,
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
      id: 'private-key-der',
      title: 'Private key (base64 DER, no PEM armor)',
      // the fixed start of each shape: PKCS#8 RSA, PKCS#1 RSA, SEC 1 P-256, PKCS#8 P-256, PKCS#8 Ed25519/X25519
      keywords: ['ibadanbgkqhkig9w0baqefaas', 'ibaakc', 'mhccaqeei', 'mbmgbyqgsm49agegccqgsm49aweh', 'mc4caqawbqydk2v'],
      pattern:
        /(?<![A-Za-z0-9+/])(?:MII[A-Za-z0-9+/]{3}IBADANBgkqhkiG9w0BAQEFAAS[A-Za-z0-9+/]{600,6000}|MII[A-Za-z0-9+/]{3}IBAAKC[A-Za-z0-9+/]{600,6000}|MHcCAQEEI[A-Za-z0-9+/]{150,170}|MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg[A-Za-z0-9+/]{130,150}|MC4CAQAwBQYDK2V[A-Za-z0-9+/]{49})={0,2}(?![A-Za-z0-9+/=])/,
      entropy: 4.5,
      // (the fixed start of a private key's structure, then hundreds of base64 characters: a key cut short, padded or
      // made up is still reported, at confidence medium)
      keyStructure: isDerPrivateKey,
      note: 'A base64 that decodes to a DER SEQUENCE whose length header is the whole length is reported at high confidence; a cut, padded or made-up body after the same fixed start at medium. A key in this form is what dbt-snowflake\'s private_key takes without PEM armor: rotate the key pair (ALTER USER … SET RSA_PUBLIC_KEY) and keep the key in a DBT_ENV_SECRET_ variable.',
      confidence: 'high',
      truePositives: [
        plant('{"SNOWFLAKE_PK_BODY": "%s"}', RSA_DER_B64),
        plant('signing_key_der: %s', EC_DER_B64),
        plant("select '%s' as k", RSA_PKCS1_DER_B64),
        plant('ec_key: %s', EC_PKCS8_DER_B64),
        plant('DEPLOY_KEY_DER=%s', ED25519_BODY),
        // cut short: no DER structure (confidence medium), a private key's start all the same
        plant('SNOWFLAKE_PK=%s', RSA_DER_B64.slice(0, 1200)),
      ],
      falsePositives: [
        // base64 goes on after the padding: no one value
        `${RSA_DER_B64}AAAA`,
        // a public key's SubjectPublicKeyInfo starts otherwise (MIIBIjANBgkqhkiG9w0BAQEFAAOC)
        'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0',
      ],
    },
    {
      id: 'jwk-private-key',
      title: 'Private key as a JSON Web Key',
      keywords: ['kty'],
      // RFC 7517/7518: a JWK's private part is its `d` (EC, OKP, RSA: with `p`, `q`… beside it in RSA, one finding a
      // key) or an `oct` key's `k`, base64url; its public members (`x`, `y`, `n`, `e`) say nothing secret. Only in
      // a value that names a key type (`"kty"`): a signing key kept in an env variable, meta or `--vars` as JSON,
      // written in any order of its members, its quotes escaped up to three times where a command line echoes it.
      pattern: /\\{0,3}"(?:d|k)\\{0,3}"\s{0,4}:\s{0,4}\\{0,3}"(?<secret>[A-Za-z0-9_-]{22,1400})\\{0,3}"/,
      entropy: 3.5,
      note: 'Context only: the `d` (or an `oct` key\'s `k`) member of a JSON object that names a key type (`kty`). A public JWK (no `d`) is not reported. Revoke the key where it signs (remove it from the issuer\'s JWKS) and issue another.',
      confidence: 'high',
      truePositives: [
        plant(
          'SIGNING_JWK={"kty":"EC","x":"0C-BUO1fjQwlXQofEm3wqg4EnNdLdU91rI3J_KWgfKU","y":"9LsnBmhXqExg3u6BAjlyNn3BsJjwtWLjx1fP_jLSbXU","crv":"P-256","d":"%s"}',
          'dikplee8jkh8LueGW9k7_04p1MI5WPJsXxT-WdkYNBI',
        ),
        plant('{"crv":"Ed25519","d":"%s","x":"EY6_UoZ373ba_-1NLstdVmJu55lLbLe5L5zbalujdpw","kty":"OKP"}', 'AOyaFi_v7s9TP9O9u9ho41vHx6_c9kvcyZhiCOHdNKI'),
        plant('dbt run --vars \'{"hmac_jwk": "{\\"kty\\":\\"oct\\",\\"k\\":\\"%s\\"}"}\'', 'lQFUpND23a2cEejHVX0afImUFyYfSH3vXc84Cm2b1iU'),
      ],
      falsePositives: [
        '{"kty":"EC","x":"nPjcIvQ4oF7vBILk0ul7e8gR1b08mlV9CgMwmLfw6js","y":"Ka91D1-NXDx5icGbvdkxK6LTDZqwyBvqrS00RggSmF4","crv":"P-256"}',
        '{"kty":"EC","crv":"P-256","d":"<base64url private key>"}',
        '{"kty":"oct","k":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
        '{"d":"dikplee8jkh8LueGW9k7_04p1MI5WPJsXxT-WdkYNBI","note":"no key type"}',
      ],
    },
    {
      id: 'private-key',
      title: 'Private key (PEM block)',
      keywords: ['private key'],
      // Optional armor headers (encrypted RSA, PGP), then base64 with whitespace or escaped
      // newlines: `\n` up to `\\\\n` (a key escaped twice, in a command line that echoes it as JSON).
      // Prose between the markers has punctuation and never matches; ellipses neither. A key pasted into a comment has
      // each line commented (`-- MIIE…` in SQL, `# MIIE…` in Python and YAML): the mark after a line's break is read
      // over (no base64 character, so each character is read one way).
      pattern:
        /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:(?:\r?\n|\\{1,4}n)(?:Proc-Type|DEK-Info|Version|Comment|Charset|Hash): [^\r\n\\]{1,200}(?=[\r\n\\])){0,8}(?:[A-Za-z0-9+/=\s]|\\{1,4}[rnt]|(?<=\n[ \t]{0,8})(?:--|#)){64,16384}-----END (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/,
      entropy: 4.5,
      verify: isPemBase64,
      keyStructure: isPemBody,
      note: 'The body must be base64 of a key\'s length. One that decodes to a DER structure or an OpenSSH key (encrypted and PGP bodies: base64 only) is reported at high confidence, any other (a made-up, cut or damaged key) at medium.',
      confidence: 'high',
      truePositives: [
        plant("{% set ssh_key = '%s' %}", pemBlock('RSA PRIVATE KEY', RSA_BODY)),
        plant('Deploy key for the packages repo:\n%s\n', pemBlock('OPENSSH PRIVATE KEY', OPENSSH_BODY, '\n', 70)),
        plant('DEPLOY_KEY=%s', pemBlock('PRIVATE KEY', ED25519_BODY)),
        // (reported at confidence medium: its body is no key's structure)
        plant("{{ config(meta={'sftp_key': '%s'}) }}", pemBlock('PRIVATE KEY', RANDOM_KEY_BODY, '\\n')),
        plant('%s', pemBlock('EC PRIVATE KEY', RANDOM_KEY_BODY)),
        plant('private_key: "%s"', pemBlock('PRIVATE KEY', PKCS8_BODY, '\\n')),
        // a var that held `\\n` (a key escaped twice), echoed by the command line as JSON once more
        plant('dbt build --vars \'{"sftp_key": "%s"}\'', pemBlock('RSA PRIVATE KEY', RSA_BODY, '\\\\\\\\n')),
        plant(
          'key = """%s"""',
          `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F1D2A6C9B8E7F104A5B6C7D8E9F0A1B\n\n${RSA_BODY.slice(16, 144)}\n${RSA_BODY.slice(144, 208)}\n-----END RSA PRIVATE KEY-----`,
        ),
      ],
      falsePositives: ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAWXRQr8wpa09mYRGKMMq4n5p4zRj4UnZ3crpQrrt8UaEgaWm2NMNkyEnAbGbGlcioJXWdCkw20Z6VfxrHq2OXRgCNwlt\nMIIEowIBAAKCAQEAWXRQr8wpa09mYRGKMMq4n5p4zRj4UnZ3crpQrrt8UaEgaW\n-----END RSA PRIVATE KEY-----', 
        'paste your key between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\nPut the key from the admin console here, with all of its lines kept as they are, then save.\n-----END PRIVATE KEY-----',
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi..Z1BjP5CE/Wm/Rr500P\nRK+Lh9x5eJPo5CAZ3/ANBE0sTK0ZsDGMak2m1g7..3VHqIxFTz0Ta1d+NAj\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0\n-----END PUBLIC KEY-----',
        `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\n-----END RSA PRIVATE KEY-----`,
      ],
    },
    {
      id: 'private-key-cut',
      title: 'Private key (PEM block cut off before its END line)',
      keywords: ['private key'],
      // A run message or a log line that echoes a key is often cut short (`could not deserialize key data:
      // -----BEGIN PRIVATE KEY-----\nMIIEv…`): three full lines of body or more, then no END line. The lines are
      // greedy and what follows them may be no body character, newline or END: a whole block is private-key's
      // (on it, each step back meets a body character or the END line at once: linear).
      pattern: new RegExp(
        `-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----(?:${PEM_NEWLINE}[A-Za-z0-9+/]{60,76}){3,256}(?:${PEM_NEWLINE}[A-Za-z0-9+/]{1,75}={0,2})?(?!${PEM_NEWLINE}|[A-Za-z0-9+/=]|\\s{0,4}-----END)`,
      ),
      entropy: 4.5,
      verify: startsLikeKeyBody,
      note: 'Cut blocks only: three body lines or more, no END line, a body that opens as a key does (DER or OpenSSH). What a cut key leaves may hold none of its private part, but the whole key is where the text came from: rotate it.',
      confidence: 'high',
      truePositives: [
        plant('Database Error: could not deserialize key data: %s...', ['-----BEGIN PRIVATE KEY-----', ...PKCS8_BODY.match(/.{64}/g)!.slice(0, 4)].join('\n')),
        plant('dbt run --vars \'{"snowflake_private_key": "%s', ['-----BEGIN RSA PRIVATE KEY-----', ...RSA_BODY.match(/.{64}/g)!.slice(0, 3), RSA_BODY.slice(192, 220)].join('\\n')),
        plant('ssh: %s [truncated]', ['-----BEGIN OPENSSH PRIVATE KEY-----', ...OPENSSH_BODY.match(/.{70}/g)!.slice(0, 3)].join('\r\n')),
      ],
      falsePositives: [
        // (whole blocks, private-key's, are in test/detectors/red-s43.test.ts: every detector reads these)
        '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...',
        ['-----BEGIN PUBLIC KEY-----', ...PKCS8_BODY.match(/.{64}/g)!.slice(0, 4)].join('\n'),
        ['-----BEGIN PRIVATE KEY-----', 'A'.repeat(64), 'A'.repeat(64), 'A'.repeat(64), 'A'.repeat(64)].join('\n'),
        ['-----BEGIN PRIVATE KEY-----', ...RANDOM_KEY_BODY.match(/.{64}/g)!.slice(0, 4)].join('\n'),
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
      keywords: ['accountkey=', 'storage key', 'storage account'],
      // a connection string's AccountKey=, or the key in prose, its name in words (`storage key: …`, `storage account
      // acmelake key1 is …`): 64 bytes of base64, 88 characters ending `==`, after words that say what it is
      pattern:
        /(?<![A-Za-z0-9])(?:AccountKey=|storage[ \t]{1,4}(?:account[ \t]{1,4}(?:[a-z0-9-]{3,24}[ \t]{1,4})?)?key[12]?[ \t]{0,4}(?:is[ \t]{1,4}|was[ \t]{1,4}|[:=][ \t]{0,4})?["'`]?)(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/i,
      confidence: 'high',
      truePositives: [
        plant('azure storage key: %s (acmelake, rotated monthly)', 'tg51D8e6IdmcrjBPMYyxAE8sH72CHsZVnpXDoGxp51tDyNl4fzkm44/UO5BlWc+v5i7y1+y5Q+OMR3dQl58jmQ=='),
        plant('storage account acmelake key1 is %s', 'NZjQdNCetekhJBms0aRYX9Sv9rqOAYUdUoo8hivqSYBO71y8wEs47aZYQojn7AvQ7PzIVkomy82cVOjtb9Kf4w=='),
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
        // 88 characters of base64 near the words, but no key's name: a hash, an id
        'storage account checksum: kIDgOaZTFS31AhOJrZeI+/8RLrudwZpzmllS80T5OsaCSEPF8f7/C30hPLmSUaYn96VnAzgm6e++IkwKHjzAdG==',
        'storage key: kIDgOaZTFS31AhOJrZeI+/8RLrudwZpzmllS80T5OsaCSEPF8f7/C30hPLmSUaYn96VnAzgm6e++IkwKHjzAd==',
        // the storage emulator's (Azurite's) published key of devstoreaccount1, in its documented connection string
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
      ],
    },
    {
      id: 'azure-cosmos-db-key',
      title: 'Azure Cosmos DB account key in a connection string',
      keywords: ['account='],
      // Synapse's OPENROWSET and Spark's connector take `Account=<name>;Database=<db>;Key=<key>` (red team 162): the
      // account's key, 64 bytes of base64 (88 characters ending `==`), after its name and up to four settings
      pattern:
        /(?<![A-Za-z0-9])Account=[A-Za-z0-9-]{3,50};(?:[ \t]{0,4}[A-Za-z]{1,30}=[^;'"\s]{0,100};){0,4}[ \t]{0,4}Key=(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/i,
      note: "An Azure Cosmos DB account's primary or secondary key, in the connection string Synapse's OPENROWSET('CosmosDB', …) and Spark's connector take: whoever has it reads and writes the account. Regenerate it under the account's Keys, and use a credential object or a Key Vault reference instead.",
      confidence: 'high',
      truePositives: [
        plant("select * from openrowset('CosmosDB', 'Account=acmecosmos;Database=sales;Key=%s', orders) as rows", 'v1KqsfOEuvPJw0UmxZqJtxwPn8cG7nKqAQ++hogjI6SPWpvSe9uPwnuBHeCTywzdDbOrijmgYSuQ72jDas78VA=='),
        plant('spark.cosmos: Account=acme-cosmos-prod; Database=events; Key=%s', 'eY5xaAWZoguukujeZ816ueUXFth867Ma9VeHSp0Yyr6Y9/HWhTMTqNFDlbhJbLnLa0CsktX9YJqDYr2jhPeK3Q=='),
      ],
      falsePositives: [
        "select * from openrowset('CosmosDB', 'Account=acmecosmos;Database=sales;Key={{ env_var(\"COSMOS_KEY\") }}', orders) as rows",
        "openrowset('CosmosDB', 'Account=acmecosmos;Database=sales;Key=<account key>', orders)",
        // (a key's 88 characters without its padding, or without the account's name before it)
        'Account=acmecosmos;Database=sales;Key=v1KqsfOEuvPJw0UmxZqJtxwPn8cG7nKqAQ++hogjI6SPWpvSe9uPwnuBHeCTywzdDbOrijmgYSuQ72jDas78VAXY',
        'Database=sales;Key=v1KqsfOEuvPJw0UmxZqJtxwPn8cG7nKqAQ++hogjI6SPWpvSe9uPwnuBHeCTywzdDbOrijmgYSuQ72jDas78VA==',
      ],
    },
    {
      id: 'azure-functions-key',
      title: 'Azure Functions key in a function URL',
      keywords: ['azurewebsites.net'],
      // the key rides in the query string as code= (the portal's "Get function URL"); x-functions-key headers are secret-named keys
      pattern:
        /https:\/\/[A-Za-z0-9-]{1,60}\.azurewebsites\.net\/api\/[A-Za-z0-9_\/.-]{1,200}\?(?:[^\s#&'"<>]{0,256}&){0,8}code=(?<secret>[A-Za-z0-9_-]{30,100}={0,2})(?![A-Za-z0-9_=-])/,
      note: 'The code= of a function URL on azurewebsites.net: whoever has the URL can call the function.',
      confidence: 'high',
      truePositives: [
        plant('url: https://acme-etl.azurewebsites.net/api/refresh_orders?code=%s', 'q7Rv2LmX9pTzKd4WnB8yHc3Jf6Gs1Ae0Ko5Ui2Tp9Qr3SxZ1vN4mLwQ=='),
        plant("select http_get('https://acme-etl.azurewebsites.net/api/export?format=csv&code=%s')", 'Zt7Qm2Lp9Xv4Rk8NbW3cY6hJ1dF5gS0aE2uI8oT4rK7pL'),
      ],
      falsePositives: [
        'https://acme-etl.azurewebsites.net/api/refresh_orders',
        'https://acme-etl.azurewebsites.net/api/refresh_orders?code=<function-key>',
        'https://bi.acme.io/callback?code=q7Rv2LmX9pTzKd4WnB8yHc3Jf6Gs1Ae0Ko5Ui2Tp9Qr3SxZ1vN4mLwQ',
      ],
    },
    {
      id: 'azure-sas-token',
      title: 'Azure shared access signature',
      keywords: ['sig='],
      // sv= (the service version, a date) comes before sig= in SAS tokens the portal and SDKs issue.
      pattern: new RegExp(
        `(?<![A-Za-z0-9_])sv=\\d{4}-\\d\\d-\\d\\d(?:${QUERY_AMPERSAND}[A-Za-z]{1,12}=[^&\\s"'#<>]{0,200}){0,20}${QUERY_AMPERSAND}sig=(?<secret>[A-Za-z0-9%+/=]{43,120})(?![A-Za-z0-9%+/=])`,
      ),
      confidence: 'high',
      truePositives: [
        plant(
          "select * from openrowset(bulk 'https://acmelake.blob.core.windows.net/raw/orders.parquet?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2025-12-31T23:59:59Z&spr=https&sig=%s', format = 'parquet') as r",
          'WZ29qR2tSjV2hZgiZF6mA4QW3kak%2FtXlguWJXu2X5h9%3D',
        ),
        plant('sp=r&st=2024-05-01T00:00:00Z&se=2024-06-01T00:00:00Z&spr=https&sv=2022-11-02&sr=c&sig=%s', 'NLdPRWb0j9QMmqLzFiuMZWxIm5Q01o61cGpU8uwy2Lk='),
        // a link in HTML, its `&` escaped (red team 100: a static docs page's head)
        plant('<a href="https://acmelake.blob.core.windows.net/docs/index.html?sv=2022-11-02&amp;ss=b&amp;sp=r&amp;sig=%s">', 'Ol72YCAxtAsVIz%2FP%2F4E1ZqQHdXx0Y36SMeXUZxZ8O8I%3D'),
      ],
      falsePositives: [
        'https://acmelake.blob.core.windows.net/raw?sv=2022-11-02&sig=<signature>',
        'https://acmelake.blob.core.windows.net/raw?sv=2022-11-02&sp=r&sig=short',
        'https://storage.googleapis.com/b/o?X-Goog-Signature=6rMFTrDPXFgcuL10KT2YICT0I3mm6hnzKVlrBjeFvCo',
        'csv=2022-11-02&sig=6rMFTrDPXFgcuL10KT2YICT0I3mm6hnzKVlrBjeFvCo',
        'https://acmelake.blob.core.windows.net/raw?sv=2022-11-02&amp;sp=r&amp;sig=&lt;signature&gt;',
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
      // Tencent Cloud's API key pair: the SecretId, `AKID` and 32 letters and digits, beside its SecretKey (reported as an
      // AWS access key id is: the half that says whose key leaked, red team 110)
      id: 'tencent-secret-id',
      title: 'Tencent Cloud SecretId',
      keywords: ['akid'],
      // (not inside a longer id or a base64 run: `job-AKID…-retry`, `…+AKID…/…`, red team 111)
      pattern: /(?<![A-Za-z0-9_+/-])AKID(?=[A-Za-z0-9]{0,31}[0-9])(?=[A-Za-z0-9]{0,31}[a-z])(?=[A-Za-z0-9]{0,31}[A-Z])[A-Za-z0-9]{32}(?![A-Za-z0-9_+/-])/,
      entropy: 3.5,
      confidence: 'high',
      truePositives: [
        plant('DBT_ENV_CUSTOM_ENV_TENCENTCLOUD_SECRET_ID=%s', 'AKIDq7Vh2mLx9RbT4wKc8NpZ3sYf6GdJ1uEa'),
        plant("select * from cos_stage('cos://acme-1250000000/raw', '%s')", 'AKIDm3Xk8Qz2LpW7vRt5Yb9Nc4Hd6Jf1Gs0e'),
      ],
      falsePositives: ['AKIDq7Vh2mLx9RbT4wKc8NpZ3sYf6GdJ1uE', 'AKIDq7Vh2mLx9RbT4wKc8NpZ3sYf6GdJ1uEax', 'xAKIDq7Vh2mLx9RbT4wKc8NpZ3sYf6GdJ1uEa', 'AKIDNEY_FUNCTION_TESTS_BY_PATIENT_AND_YEAR_V2', `AKID${'X'.repeat(32)}`, 'AKIDAbCdEfGhIjKlMnOpQrStUvWxYz012345', 'job-AKIDq7Vh2mLx9RbT4wKc8NpZ3sYf6GdJ1uEa-retry', 'data:image/png;base64,iVBORw0+AKIDq7Vh2mLx9RbT4wKc8NpZ3sYf6GdJ1uEa/8AAA'],
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
      // characters of base64url's alphabet: `_` is seen in them, so `-` may be too), so require mixed case and a digit as well.
      pattern: /(?<![A-Za-z0-9_])dbtc_(?=[A-Za-z0-9_-]{0,59}[A-Z])(?=[A-Za-z0-9_-]{0,59}[0-9])[A-Za-z0-9_-]{40,60}(?![A-Za-z0-9_-])/,
      entropy: 4,
      confidence: 'high',
      truePositives: [
        plant('DBT_CLOUD_API_TOKEN=%s dbt-cloud job run --job-id 4821', 'dbtc_PUOTlmxj1VOba0hzUANJDA6Hxkcu9l_R5iHbwn8kmPdn1mroLG'),
        plant("select * from dbt_cloud_jobs where token = '%s'", 'dbtc_ddvT4qf8vxHIZkrhqQtUTb1GsVcposUfaoBWvYm4CwlUN_B4WV'),
        plant('job trigger: %s', 'dbtc_-agiRYS3VEi4o_WGhoqC7PYXndy3eixOwPc3wcYfvkneQcOWJRS6nQWU'),
      ],
      falsePositives: ['dbtc_test_token', 'dbtc_customers_orders_daily_snapshot_with_long_name_v2', 'dbtc_customers-orders-daily-snapshot-with-long-name-v2', 'stg_dbtc_PUOTlmxj1VOba0hzUANJDA6Hxkcu9l_R5iHbwn8kmPdn1mroLG'],
    },
    {
      id: 'dbt-cloud-user-token',
      title: 'dbt Cloud personal access token',
      keywords: ['dbtu_'],
      pattern: /(?<![A-Za-z0-9_])dbtu_(?=[A-Za-z0-9_-]{0,59}[A-Z])(?=[A-Za-z0-9_-]{0,59}[0-9])[A-Za-z0-9_-]{40,60}(?![A-Za-z0-9_-])/,
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
        // the vendor's name alone too (gitleaks: any name holding heroku); not heroku_app_id
        'heroku(?:_?api_?key|_?(?:auth_?|oauth_?)?token)?',
        '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
        '(?![A-Za-z0-9_-])',
      ),
      confidence: 'medium',
      truePositives: [
        plant('HEROKU_API_KEY=%s', '3b93153c-ac74-4b01-a21f-543912b5c21d'),
        plant('{"heroku_token": "%s"}', '93b94c36-2409-48cc-aa5d-b61e3af1610c'),
        plant('heroku=%s', '3a848135-10aa-45de-8dc3-c1047fca4944'),
      ],
      falsePositives: [`heroku app id ${UUID}`, `invocation_id: ${UUID}`, 'HEROKU_API_KEY=${HEROKU_API_KEY}', `heroku_app_id: ${UUID}`],
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
      // hex (gitleaks, observed) or lower-case letters and digits (trufflehog:pulumi)
      pattern: /(?<![A-Za-z0-9_-])pul-[a-z0-9]{40}(?![A-Za-z0-9_-])/,
      entropy: 3,
      confidence: 'high',
      truePositives: [plant('PULUMI_ACCESS_TOKEN=%s pulumi up', 'pul-211c4dab02205239709178265d2cbb2d73cc8699'), plant('pulumi login --token %s', 'pul-8pfr633inm77ufvguoek5vj4j4d05hrodncep42j')],
      falsePositives: ['pul-211c4dab02205239709178265d2cbb2d73cc869', `capful-${SHA256.slice(0, 40)}`, 'pul-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    },
    {
      id: 'openshift-user-token',
      title: 'OpenShift user token',
      keywords: ['sha256~'],
      pattern: /(?<![A-Za-z0-9_~])sha256\~[A-Za-z0-9_-]{43}(?![A-Za-z0-9_\-])/,
      entropy: 3.5,
      confidence: 'high',
      truePositives: [plant('export OPENSHIFT_USER_TOKEN=%s', 'sha256~FqAKxMMBz2RDNITLxkphRwqu7H6IZkK4s5Jax-XdSmL')],
      falsePositives: ['sha256~rcyuvFie3XaLK8CsRgqSgogrUhTnkIobUlqgu43Td9', 'sha256~<your openshift user token>', 'stg_sha256~FqAKxMMBz2RDNITLxkphRwqu7H6IZkK4s5Jax-XdSmL'],
    },
    {
      id: 'scalingo-api-token',
      title: 'Scalingo API token',
      keywords: ['tk-us-'],
      pattern: /(?<![A-Za-z0-9_])tk\-us\-[A-Za-z0-9_-]{48}(?![A-Za-z0-9_\-])/,
      entropy: 3,
      confidence: 'high',
      truePositives: [plant('select * from api_call(\'%s\')', 'tk-us-U1zuLsc2zezoe1J0ktiqVk6xOyvfR0YzED7CxQ13VC5nE4qo')],
      falsePositives: ['tk-us-kRJlbfBQzn7bPauUKs5TMsd80LMasfwiiV9mh9JZp2_ZP0E', 'tk-us-<your scalingo api token>', 'stg_tk-us-U1zuLsc2zezoe1J0ktiqVk6xOyvfR0YzED7CxQ13VC5nE4qo'],
    },
    {
      id: 'flyio-access-token',
      title: 'Fly.io access token',
      keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
      pattern: /(?<![A-Za-z0-9_])(?:fo1_[A-Za-z0-9_+\/-]{43,3000}|(?:fm1a_|fm1r_|fm2_)[A-Za-z0-9+\/]{43,3000})={0,3}(?![A-Za-z0-9_\-+\/])/,
      entropy: 4,
      note: 'The fm1/fm2 macaroon forms are 100 or more characters; fo1_ is 43 or more, in either base64 alphabet (gitleaks samples it with - and _).',
      confidence: 'high',
      truePositives: [plant('FLYIO_ACCESS_TOKEN: %s', 'fo1_XmMCVll+sbL1XvnkR3Qum1BtTtiay6CfQIYqTNJ3tkUSR61Tsv'), plant('fly deploy with %s', 'fo1_q7Rz-k2Vn_8wLpT3xYc9Hd4Jf6Gs0Ae1Qo5uVi2NkEm'), plant('export FLYIO_ACCESS_TOKEN=%s', 'fm1a_wRv71P6o3DW67Vsnbi919RiWMvSM1VgNvOA9ql1STVY7IY45C'), plant('{"flyio_access_token": "%s"}', 'fm1r_cUxgX+lY8cS4vxZZL9kTqv+ht+yh6ABhV6iadVO3T4brr'), plant('{{ config(meta={\'flyio_access_token\': \'%s\'}) }}', 'fm2_YG9ozjBHt5FAfXNaL2LSEt8stALUk5jSczT/Copo/m3H3X')],
      falsePositives: ['fo1_AHRBb67i+qs7KyTnYSzXtk3+dAcg9BtvjZr0f9PHlz', 'fo1_<your fly.io access token>', 'stg_fo1_XmMCVll+sbL1XvnkR3Qum1BtTtiay6CfQIYqTNJ3tkUSR61Tsv'],
    },
    {
      id: 'cloudflare-origin-ca-key',
      title: 'Cloudflare Origin CA key',
      keywords: ['v1.0-'],
      // 24 hex, - and 146 hex as issued (gitleaks); any 171 letters, digits and dashes (trufflehog:cloudflarecakey)
      pattern: /(?<![A-Za-z0-9_])v1\.0\-[A-Za-z0-9-]{171}(?![A-Za-z0-9_\-])/,
      entropy: 3,
      confidence: 'high',
      truePositives: [plant('{"cloudflare_origin_ca_key": "%s"}', 'v1.0-24d26f65bd7b88bca0cab277-b04eea944c6f623c063e9fe5e7760d70075583fc2122b8326f09184c8bc885c0a8e944b545b679eab3bb65a89c9d05472e719d919e38a3880cbc0dbcf6821876d801283380f3c4c012')],
      falsePositives: ['v1.0-ae89ad7ddf9cba7749a76fca-a6b6a2c95330800826ec41eef4a7977388f5399565b8515e678f09cf16f96cfee974e12114e7970f88601cb873d3fa63e17cdbb5fd0a2709ed0917de940e3c8764a8815353a8cf1aa', 'v1.0-<your cloudflare origin ca key>', 'stg_v1.0-24d26f65bd7b88bca0cab277-b04eea944c6f623c063e9fe5e7760d70075583fc2122b8326f09184c8bc885c0a8e944b545b679eab3bb65a89c9d05472e719d919e38a3880cbc0dbcf6821876d801283380f3c4c012'],
    },
    {
      id: 'aws-appsync-api-key',
      title: 'AWS AppSync API key',
      keywords: ['da2-'],
      pattern: /(?<![A-Za-z0-9_-])da2-[a-z0-9]{26}(?![A-Za-z0-9_-])/,
      entropy: 3.5,
      confidence: 'high',
      note: 'da2- and 26 lower-case letters and digits (trufflehog:aws). It calls the GraphQL API it belongs to until it expires: delete it in the AppSync console (Settings, API keys).',
      truePositives: [plant('x-api-key: %s', 'da2-18too8e3xhjj8a6yy19ofavn9p'), plant("APPSYNC_API_KEY='%s'", 'da2-mh7vn7vytgundk6fwbefhevxci')],
      falsePositives: ['da2-xxxxxxxxxxxxxxxxxxxxxxxxxx', 'da2-18too8e3', 'panda2-18too8e3xhjj8a6yy19ofavn9p', 'da2-aaaaaaaaaaaaabbbbbbbbbbbbb'],
    },
    {
      id: 'azure-container-registry-password',
      title: 'Azure Container Registry password or token',
      keywords: ['+acr'],
      pattern: /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6}(?![A-Za-z0-9+/=])/,
      entropy: 4,
      confidence: 'high',
      note: '42 base64 characters, +ACR and 6 more: the signature Azure puts in registry admin passwords and token passwords (trufflehog:azurecontainerregistry). Regenerate it in the registry (Access keys, or the token\'s passwords).',
      truePositives: [plant('docker login acme.azurecr.io -u acme -p %s', 'g94CliCr9bkeOqcXfPdkg3XtaF0/JpDGNnnEmbgAQg+ACRcxAGa0')],
      falsePositives: ['g94CliCr9bkeOqcXfPdkg3XtaF0+ACRcxAGa0', 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX+ACRXXXXXX', 'docs: the password ends in +ACR and six characters'],
    },
    {
      id: 'aws-bedrock-api-key',
      title: 'Amazon Bedrock long-term API key',
      keywords: ['absk'],
      pattern: /(?<![A-Za-z0-9_])ABSK[A-Za-z0-9+\/]{109,269}={0,2}(?![A-Za-z0-9_\-+\/])/,
      entropy: 3,
      confidence: 'high',
      truePositives: [plant('{"aws_bedrock_api_key": "%s"}', 'ABSK5Ny8Prlz5AXlJ3/1heUYz14xAtgTriHfVq2QaxJUbSFTOIcqPNrOgaJDELoOyC3uw9FAuSW0L+aTWKW2ei4JsT1iF0wEgrFFc1iGzCZ1ZIBWmL8Q6e62/')],
      falsePositives: ['ABSKa0mRprwKcjjaCEO1Ykkx44NNGNNElTGutdcceohfXQfj0gd6olgQivWV8E2WB9TOp9R6B9rcZmj700TiJAVuQCLkBkyWzDAXp4oWuTqtKtlY', 'ABSK<your amazon bedrock long-term api key>', 'stg_ABSK5Ny8Prlz5AXlJ3/1heUYz14xAtgTriHfVq2QaxJUbSFTOIcqPNrOgaJDELoOyC3uw9FAuSW0L+aTWKW2ei4JsT1iF0wEgrFFc1iGzCZ1ZIBWmL8Q6e62/'],
    },
    {
      id: 'aws-bedrock-short-term-api-key',
      title: 'Amazon Bedrock short-term API key',
      keywords: ['bedrock-api-key-'],
      pattern: /(?<![A-Za-z0-9_])bedrock\-api\-key\-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+\/]{100,4000}={0,2}(?![A-Za-z0-9_\-+\/])/,
      entropy: 3,
      note: 'The whole token (a presigned request in base64), not only its constant prefix.',
      confidence: 'high',
      truePositives: [plant('AWS_BEDROCK_SHORT_TERM_API_KEY: %s', 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t19CPhy3trxzhlgKowltWzKiu6i11GpTXqDdekuJZoGY7JCXxfYSfA1sRd72HOaQOzfwrkLtxQX8/Iv5v0He1xU+X08Fi4lVFEkkx3TqPF7dm')],
      falsePositives: ['bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tBeMQvIdwC+xbSOJhxCVICfqjqtrXic/1b7OSZdHg121Y1nubzj2+PjVamde1oiRnmmrAXi0Lm9kOMVil68pZ/oRpuICRBDs7ZqB', 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t<your amazon bedrock short-term api key>', 'stg_bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t19CPhy3trxzhlgKowltWzKiu6i11GpTXqDdekuJZoGY7JCXxfYSfA1sRd72HOaQOzfwrkLtxQX8/Iv5v0He1xU+X08Fi4lVFEkkx3TqPF7dm'],
    },
    {
      id: 'yandex-api-key',
      title: 'Yandex Cloud API key',
      keywords: ['aqvn'],
      pattern: /(?<![A-Za-z0-9_])AQVN[A-Za-z0-9_-]{35,38}(?![A-Za-z0-9_\-])/,
      entropy: 3.5,
      confidence: 'high',
      truePositives: [plant('export YANDEX_API_KEY=%s', 'AQVNSqIcwH7KHvCTheOMPBKtLZykWPvQ8HrHnPqcYG')],
      falsePositives: ['AQVNMuYYFnYR5W5JIsm68s6giHLHt2166N0X3x', 'AQVN<your yandex cloud api key>', 'stg_AQVNSqIcwH7KHvCTheOMPBKtLZykWPvQ8HrHnPqcYG'],
    },
    {
      id: 'vercel-token',
      title: 'Vercel access token',
      keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
      pattern: /(?<![A-Za-z0-9_])(?:vcp_|vci_|vca_|vcr_|vck_)[A-Za-z0-9]{20,60}(?![A-Za-z0-9_\-])/,
      entropy: 3.5,
      confidence: 'high',
      truePositives: [plant('{{ config(meta={\'vercel_token\': \'%s\'}) }}', 'vcp_NPPpjOW1tMm7IzIu6Eu2xxx'), plant('vars:\n  vercel_token: \'%s\'', 'vci_TEGCnMUvY2vsCPsxinD0TZ3ij7'), plant('Authorization: Bearer %s', 'vca_EzSQWlFcEMQcy6QzIQoFgkZNMTZ'), plant('select * from api_call(\'%s\')', 'vcr_cl35GBRksQEJNU2nKmsJ'), plant('VERCEL_TOKEN: %s', 'vck_PcHHIanaJNsGTvcaHlkmNN3')],
      falsePositives: ['vcp_gD65ua4W6KPOnqxsen1', 'vcp_<your vercel access token>', 'stg_vcp_NPPpjOW1tMm7IzIu6Eu2xxx'],
    },
    {
      id: 'netlify-pat',
      title: 'Netlify personal access token',
      keywords: ['nfp_'],
      pattern: /(?<![A-Za-z0-9_])nfp_[A-Za-z0-9]{36}(?:[a-f0-9]{4})?(?![A-Za-z0-9_\-])/,
      entropy: 3.5,
      confidence: 'high',
      truePositives: [plant('export NETLIFY_PAT=%s', 'nfp_t9Q5mooULoAxgWo7p37tLqJr1Xk42An60IS1')],
      falsePositives: ['nfp_Dpa5n8JvTp2PfnkCUneRAAiKAXJyzaGh2yf', 'nfp_<your netlify personal access token>', 'stg_nfp_t9Q5mooULoAxgWo7p37tLqJr1Xk42An60IS1'],
    },
    {
      id: 'alibaba-secret-key',
      title: 'Alibaba Cloud AccessKey secret',
      keywords: ['alibaba'],
      pattern: assigned('alibaba[A-Za-z0-9_.-]{0,20}?', '[A-Za-z0-9]{30}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('alibaba_access_key_secret: "%s"', '8GDzPDcRfqhTcd1XX4oRi2ALcQt5fJ')],
      falsePositives: ['8GDzPDcRfqhTcd1XX4oRi2ALcQt5fJ', 'alibaba_access_key_secret: "{{ env_var(\'ALIBABA_ACCESS_KEY_SECRET\') }}"', 'alibaba_access_key_secret: "KgWVpWczHZMYPkps2xN4RyVCiDdCu"'],
    },
    {
      id: 'cloudflare-global-api-key',
      title: 'Cloudflare global API key',
      keywords: ['cloudflare'],
      pattern: assigned('cloudflare[A-Za-z0-9_.-]{0,20}?', '[a-f0-9]{37}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('CLOUDFLARE_GLOBAL_API_KEY: "%s"', 'fa9c5736d49a4890f25dd8626aba0af4518aa')],
      falsePositives: ['fa9c5736d49a4890f25dd8626aba0af4518aa', 'CLOUDFLARE_GLOBAL_API_KEY: "{{ env_var(\'CLOUDFLARE_GLOBAL_API_KEY\') }}"', 'CLOUDFLARE_GLOBAL_API_KEY: "0e0a5efcc52ea495a948381394f9a6577bc6"'],
    },
    {
      id: 'fastly-api-token',
      title: 'Fastly API token',
      keywords: ['fastly'],
      pattern: assigned('fastly[A-Za-z0-9_.-]{0,20}?', '[A-Za-z0-9_=-]{32}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('FASTLY_API_TOKEN: "%s"', 'wDSoMUhWEaM4vVme5gqX1xg9xfXAjdJt')],
      falsePositives: ['wDSoMUhWEaM4vVme5gqX1xg9xfXAjdJt', 'FASTLY_API_TOKEN: "{{ env_var(\'FASTLY_API_TOKEN\') }}"', 'FASTLY_API_TOKEN: "Dx7UX0SLR0qshHJmm3jsckD1LL7dnrh"'],
    },
    {
      id: 'netlify-access-token',
      title: 'Netlify access token (legacy)',
      keywords: ['netlify'],
      pattern: assigned('netlify[A-Za-z0-9_.-]{0,20}?', '[A-Za-z0-9_=-]{40,46}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('NETLIFY_AUTH_TOKEN: "%s"', 'Lk_72q4EQBvaf81OCuAcX1yJt0W8b10m9pM=ZSUWVc4lo7')],
      falsePositives: ['Lk_72q4EQBvaf81OCuAcX1yJt0W8b10m9pM=ZSUWVc4lo7', 'NETLIFY_AUTH_TOKEN: "{{ env_var(\'NETLIFY_AUTH_TOKEN\') }}"', 'NETLIFY_AUTH_TOKEN: "AHd=Zyglvc04mZzqNHUUvuC8hobxh_757-shLzc"'],
    },
    {
      id: 'yandex-access-token',
      title: 'Yandex Cloud IAM token',
      keywords: ['yandex'],
      pattern: assigned('yandex[A-Za-z0-9_.-]{0,20}?', 't1\\.[A-Za-z0-9_-]{8,120}={0,2}\\.[A-Za-z0-9_-]{86}={0,2}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('YANDEX_IAM_TOKEN: "%s"', 't1.xtEBa6FJggRXXVtxKIODAIRL9yg1yHSenqpB6Fl3.I3D1oATULCWnnXJi4cf89ROcwPzSLVteaXq5RPkG3MV4KMqCkz3YkWxE7yRxyKxQVHyCG8XmERVxMEue2GfZi2')],
      falsePositives: ['t1.xtEBa6FJggRXXVtxKIODAIRL9yg1yHSenqpB6Fl3.I3D1oATULCWnnXJi4cf89ROcwPzSLVteaXq5RPkG3MV4KMqCkz3YkWxE7yRxyKxQVHyCG8XmERVxMEue2GfZi2', 'YANDEX_IAM_TOKEN: "{{ env_var(\'YANDEX_IAM_TOKEN\') }}"'],
    },
    {
      id: 'yandex-aws-access-token',
      title: 'Yandex Cloud static access key',
      keywords: ['yandex'],
      pattern: assigned('yandex[A-Za-z0-9_.-]{0,20}?', 'YC[A-Za-z0-9_-]{38}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('YANDEX_SECRET_KEY: "%s"', 'YC2Z56AUoX1DQuNEkjiNUFvuxROlOsXrc66tyF12')],
      falsePositives: ['YC2Z56AUoX1DQuNEkjiNUFvuxROlOsXrc66tyF12', 'YANDEX_SECRET_KEY: "{{ env_var(\'YANDEX_SECRET_KEY\') }}"', 'YANDEX_SECRET_KEY: "YCyPH4vds1QDULOmwu3KLDXhQQAthJJ6eZjIsNQ"'],
    },
    {
      id: 'cloudflare-api-token-v2',
      title: 'Cloudflare API token (cfut_, cfat_)',
      keywords: ['cfut_', 'cfat_'],
      pattern: /(?<![A-Za-z0-9_])cf[ua]t_[A-Za-z0-9]{40}[a-f0-9]{8}(?![A-Za-z0-9_])/,
      entropy: 3.5,
      confidence: 'high',
      note: 'cfut_ (a user token) or cfat_ (an account token), 40 letters and digits and 8 hex characters (trufflehog:cloudflareapitoken). Roll or delete it under API Tokens (My Profile, or the account\'s).',
      truePositives: [
        plant('CLOUDFLARE_API_TOKEN=%s', 'cfut_ASEsq0Kq1QnQDy0CNYpaMRCfLY8qJ7kdLsysJeVQ753ba775'),
        plant("curl -H 'Authorization: Bearer %s' https://api.cloudflare.com/client/v4/accounts", 'cfat_rsPvgQZNECdCRmuzlhaqGmPSHPBrG06TjS5lLXJlcda73770'),
      ],
      falsePositives: ['cfut_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'cfut_ASEsq0Kq1QnQ', 'legacycfat_rsPvgQZNECdCRmuzlhaqGmPSHPBrG06TjS5lLXJlcda73770'],
    },
    {
      id: 'cloudflare-global-api-key-v2',
      title: 'Cloudflare global API key (cfk_)',
      keywords: ['cfk_'],
      pattern: /(?<![A-Za-z0-9_])cfk_[A-Za-z0-9]{40}[a-f0-9]{8}(?![A-Za-z0-9_])/,
      entropy: 3.5,
      confidence: 'high',
      note: 'cfk_, 40 letters and digits and 8 hex characters (a checksum). A global key acts as the user on every account: roll it under My Profile, API Tokens, and move callers to scoped API tokens.',
      truePositives: [plant('CLOUDFLARE_API_KEY=%s', 'cfk_wIl9DV4WTFuq1vq3ozrKT4AqNG5vp2PV9o5YQEz1026ca652'), plant('curl -H \'X-Auth-Key: %s\' https://api.cloudflare.com/client/v4/zones', 'cfk_29NMWyFQ483xzzlt2TRkIEn4qRciU1ISC4uXDjdj6d543d72')],
      falsePositives: ['cfk_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'cfk_wIl9DV4W', 'legacycfk_wIl9DV4WTFuq1vq3ozrKT4AqNG5vp2PV9o5YQEz1026ca652'],
    },
    {
      id: 'softlayer-api-key',
      title: 'IBM Cloud (SoftLayer) classic infrastructure API key',
      keywords: ['softlayer'],
      pattern: new RegExp(`(?:api\\.softlayer\\.com/soap/v3(?:\\.1)?/|${assignedTo('softlayer[A-Za-z0-9_.-]{0,20}?(?:key|pwd|password|pass|token)')})(?<secret>[a-z0-9]{64})(?![A-Za-z0-9_+=-])`, 'i'),
      entropy: 3.2,
      note: '64 lower-case letters and digits, in the path of a SOAP endpoint or under a softlayer…key/password/token name (detect-secrets: plugins/softlayer.py). High confidence: the endpoint or the name is part of the match, so a docs block\'s URL is read too.',
      confidence: 'high',
      truePositives: [
        plant('https://api.softlayer.com/soap/v3/%s/SoftLayer_Account', '8c1a9f3e2b7d4a6c0e1f3b5d7a9c2e4f6b8d0a1c3e5f7b9d1a3c5e7f9b2d4a6c'),
        plant('SOFTLAYER_API_KEY=%s', 'f07e2c9a4d1b8e63a5c0d7f29b4e1a86c3d50f7b2e9a14c68d3f0b7e52a9c1d4'),
      ],
      falsePositives: [
        '8c1a9f3e2b7d4a6c0e1f3b5d7a9c2e4f6b8d0a1c3e5f7b9d1a3c5e7f9b2d4a6c',
        `https://api.softlayer.com/rest/v3/SoftLayer_Account/${SHA256.slice(0, 20)}`,
        'SOFTLAYER_API_KEY: "{{ env_var(\'SOFTLAYER_API_KEY\') }}"',
        'SOFTLAYER_API_KEY=f07e2c9a4d1b8e63a5c0d7f29b4e1a86c3d50f7b2e9a14c68d3f0b7e52a9c1d',
        `softlayer_image_sha256: ${SHA256}`,
      ],
    },
    {
      id: 'saladcloud-api-key',
      title: 'SaladCloud API key',
      keywords: ['salad_cloud_'],
      pattern: /(?<![A-Za-z0-9_])salad_cloud_[A-Za-z0-9]{1,7}_[A-Za-z0-9]{7,235}(?![A-Za-z0-9_])/,
      verify: (key) => lettersAndDigits(key.slice(key.lastIndexOf('_') + 1)),
      entropy: 3.0,
      confidence: 'high',
      note: 'salad_cloud_, a short id, _ and the key (trufflehog:saladcloudapikey). Make a new one in SaladCloud (Account, API access), which revokes the old.',
      truePositives: [plant('SALAD_API_KEY=%s', 'salad_cloud_KG79t_fdMsNCe95xt0z1L0s74CHVARpw12oSgSJwxkFduz')],
      falsePositives: ['salad_cloud_user_xxxxxxxxxxxxxxxx', 'salad_cloud_gpu_hours', 'salad_cloud_KG79t_abcdefg'],
    },
  ],
};
