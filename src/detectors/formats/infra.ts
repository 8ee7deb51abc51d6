/** Token formats: secrets managers and infrastructure. */
import { type FormatFamily, plant } from './define.js';

export const INFRA: FormatFamily = {
  id: 'infra',
  title: 'Secrets managers and infrastructure',
  formats: [
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
  ],
};
