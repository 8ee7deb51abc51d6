/** Token formats: payments and commerce. */
import { assigned, CASED, type FormatFamily, lettersAndDigits, MD5, plant } from './define.js';
import { isStripeKey } from './structure.js';

export const PAYMENTS: FormatFamily = {
  id: 'payments',
  title: 'Payments and commerce',
  formats: [
    {
      id: 'stripe-secret-key',
      title: 'Stripe live secret key',
      keywords: ['sk_live_', 'sk_prod_'],
      pattern: /(?<![A-Za-z0-9_])sk_(?:live|prod)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9_])/,
      verify: isStripeKey,
      note: 'Mode live or test; Stripe documents no fixed length, so the body is only bounded (24 to 247 characters, or 10 to 23 when it reads as random: gitleaks samples keys from 10). gitleaks also names a mode prod (sk_prod_, rk_prod_): read where its body is random.',
      confidence: 'high',
      truePositives: [
        plant(
          "select * from stripe_api('charges', '%s')",
          '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',
        ),
        plant('STRIPE_KEY=%s', 'sk_live_lxMBPbeSVJmTVq8wsb6NTmzU'),
        plant('STRIPE_KEY=%s', 'sk_live_q7Lm2Xv9Rk4N'),
        plant('billing sync key %s', 'sk_prod_7N24lVZeRk7n9dqPoJgeg9S6vCtmTLe1mMZNEj03B2HYwZNVA5Ewe495boB02Erj4'),
        plant('billing sync key %s', 'sk_prod_kd7lc7aswxezvki9wpl9p7taj'),
      ],
      // a surrogate key's column name (sk_ is a common prefix for them) is no random body
      falsePositives: ['sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'sk_live_short', 'mask_live_lxMBPbeSVJmTVq8wsb6NTmzU', 'select sk_live_subscriptions from dim_plans', 'sk_live_orders2024', 'select sk_prod_customersdailysnapshot from dim_customers', 'sk_prod_orders2024'],
    },
    {
      id: 'stripe-restricted-key',
      title: 'Stripe live restricted key',
      keywords: ['rk_live_', 'rk_prod_'],
      pattern: /(?<![A-Za-z0-9_])rk_(?:live|prod)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9_])/,
      verify: isStripeKey,
      confidence: 'high',
      truePositives: [
        plant(
          'stripe_api_key: %s',
          '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',
        ),
        plant('stripe_api_key: %s', 'rk_prod_Wd8QpZ2mLx7RvT4nKc9Y'),
      ],
      falsePositives: ['rk_live_short', 'work_live_wNYFo516olmUXr0AWZi6lUfN28'],
    },
    {
      id: 'stripe-test-secret-key',
      title: 'Stripe test-mode secret key',
      keywords: ['sk_test_', 'rk_test_'],
      pattern: /(?<![A-Za-z0-9_])[rs]k_test_[A-Za-z0-9]{10,247}(?![A-Za-z0-9_])/,
      verify: isStripeKey,
      confidence: 'medium',
      truePositives: [
        plant(
          'STRIPE_SECRET_KEY=%s',
          'sk_test_gzeL3XkGI0r6C7Aztpw33aCD90J5arzqEsw62fNsU2f8CfEZyeUn8v4uDsczEGFTCDZJc1r1Bpx8YLOjMvaovWRQpD5G2JWXKnV',
        ),
        plant("stripe.api_key = '%s'", 'rk_test_dqI0ezyByM1tCSRFSod6VFCM'),
      ],
      falsePositives: ['sk_test_123', 'task_test_dqI0ezyByM1tCSRFSod6VFCM', "stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'  # Stripe's documented demo key"],
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
      id: 'stripe-payment-intent-secret',
      title: 'Stripe PaymentIntent client secret',
      keywords: ['pi_'],
      pattern: /(?<![A-Za-z0-9_])pi_[A-Za-z0-9]{24}_secret_[A-Za-z0-9]{25}(?![A-Za-z0-9_])/,
      entropy: 3.5,
      confidence: 'medium',
      note: "A payment's client secret is handed to the customer's browser to confirm that one payment; Stripe asks that it not be logged or stored, and with the publishable key it reads the payment's details. Medium: it grants nothing beyond one payment.",
      truePositives: [
        plant("Runtime Error: confirm failed for client_secret=%s", 'pi_dOEEetprE6xqy5qLVHAnHJSj_secret_GFKTkisNg9K3sFsSJk74VJVI6'),
        plant('{"client_secret": "%s"}', 'pi_3PqR7sLmN2bV8cX1zA4wQ9eT_secret_kJ5hG2fD8sA1lP6oI3uY7tR4e'),
      ],
      falsePositives: [
        'pi_dOEEetprE6xqy5qLVHAnHJSj',
        'pi_XXXXXXXXXXXXXXXXXXXXXXXX_secret_XXXXXXXXXXXXXXXXXXXXXXXXX',
        'api_dOEEetprE6xqy5qLVHAnHJSj_secret_GFKTkisNg9K3sFsSJk74VJVI6',
        'pi_dOEEetprE6xqy5qLVHAnHJSj_secret_GFKTk',
      ],
    },
    {
      id: 'razorpay-key-pair',
      title: 'Razorpay live key secret, beside its key id',
      keywords: ['rzp_live_'],
      pattern: /(?<![A-Za-z0-9_])rzp_live_[A-Za-z0-9]{14}:(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9_])/,
      entropy: 3.5,
      confidence: 'high',
      note: 'The key id (rzp_live_ and 14) is sent to the browser; the secret is the 24 letters and digits that Basic auth pairs with it (`key_id:key_secret`, as in `curl -u`). The secret is reported. Regenerate the key in the Razorpay dashboard (Account & Settings, API keys).',
      truePositives: [
        plant("select * from http_get('https://api.razorpay.com/v1/payments', 'rzp_live_zrd13FSonK7Nrg:%s')", 'HeRDQ8uGBcXeofhX10DyWWBW'),
        plant('curl -u rzp_live_Vb4Kq9Lm2Xs7Tz:%s https://api.razorpay.com/v1/orders', 'oaqlEYvPuvhHSirhGdUz2sFM'),
      ],
      falsePositives: ['rzp_live_zrd13FSonK7Nrg', 'rzp_live_zrd13FSonK7Nrg:XXXXXXXXXXXXXXXXXXXXXXXX', 'rzp_live_zrd13FSonK7Nrg:short', 'xrzp_live_zrd13FSonK7Nrg:HeRDQ8uGBcXeofhX10DyWWBW'],
    },
    {
      id: 'razorpay-key-secret',
      title: 'Razorpay key secret',
      keywords: ['razorpay'],
      pattern: assigned('(?:razorpay|RAZORPAY|Razorpay)[A-Za-z0-9_.-]{0,12}?(?:secret|SECRET|Secret)', '[A-Za-z0-9]{24}', undefined, CASED),
      entropy: 3.5,
      confidence: 'medium',
      note: 'A key secret has no prefix: 24 letters and digits, counted only under a name that says razorpay and secret (RAZORPAY_KEY_SECRET). Its key id (rzp_live_, rzp_test_) is not secret.',
      truePositives: [plant('RAZORPAY_KEY_SECRET=%s', 'HeRDQ8uGBcXeofhX10DyWWBW'), plant("razorpay_secret: '%s'", 'oaqlEYvPuvhHSirhGdUz2sFM')],
      falsePositives: [
        'HeRDQ8uGBcXeofhX10DyWWBW',
        'RAZORPAY_KEY_ID=rzp_live_zrd13FSonK7Nrg',
        "RAZORPAY_KEY_SECRET: \"{{ env_var('RAZORPAY_KEY_SECRET') }}\"",
        'razorpay_order_ref = 2f4a7c9e1b3d4e5f8a9b0c1d',
      ],
    },
    {
      id: 'shopify-access-token',
      title: 'Shopify access token',
      keywords: ['shpat_', 'shpca_', 'shppa_'],
      // 32 hex as issued (gitleaks, trufflehog:shopify); 32 to 64 letters and digits in secretlint's shopify rule
      pattern: /(?<![A-Za-z0-9_])shp(?:at|ca|pa)_[A-Za-z0-9]{32,64}(?![A-Za-z0-9_])/,
      entropy: 3,
      confidence: 'high',
      truePositives: [
        plant('X-Shopify-Access-Token: %s', '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'),
        plant('custom app token %s', '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'),
        plant('{"access_token": "%s"}', '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'),
        plant('SHOPIFY_ADMIN_TOKEN=%s', 'shpca_7jqbg9cupMkZRxJKXWz3v8BvS8QBa7hMdJfAq4'),
      ],
      falsePositives: [`shpat_${MD5.slice(2)}`, `shop_${MD5}`, 'shpat_r8TRc9ZXAvcVvcrmtr7qoVw69WeeY1e', `shpat_${'0'.repeat(32)}`],
    },
    {
      id: 'shopify-shared-secret',
      title: 'Shopify app shared secret',
      keywords: ['shpss_'],
      pattern: /(?<![A-Za-z0-9_])shpss_[A-Za-z0-9]{32,64}(?![A-Za-z0-9_])/,
      entropy: 3,
      confidence: 'high',
      truePositives: [plant('SHOPIFY_API_SECRET=%s', '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'), plant('shopify secret %s', 'shpss_QlRSJy5AXX1cILNjVatTsEIhFxuPF5q7')],
      falsePositives: ['shpss_f3db1ee24d3db75424b1688aff88746'],
    },
    {
      id: 'square-access-token',
      title: 'Square access token',
      keywords: ['eaaa', 'sq0atp-'],
      // EAAA and 60, sq0atp- and 22; gitleaks takes 22 to 60 after either. Not after base64 or its
      // padding, but after a name's `=` (`conn=EAAA…`, `?token=…`): EAAA is distinctive enough there.
      // (No `^=`: the raw-text search tests this lookbehind with one character before the keyword.)
      pattern: /(?<![A-Za-z0-9_+/-]|[^A-Za-z0-9_.-]=)(?:EAAA|sq0atp-)[A-Za-z0-9_-]{22,60}(?![A-Za-z0-9_+/=-])/,
      entropy: 4,
      confidence: 'high',
      truePositives: [
        plant('Authorization: Bearer %s', 'EAAAMcR4MVRZPApVLGwlIFJKsQy8QaxoHU4zyM-d0jshkyR9qadgTRIbSjKFHT4t'),
        plant('square_token = "%s"', 'sq0atp-TFswinAlUpTT33q9IsMZp1'),
        plant('Authorization: Bearer %s', 'EAAAkNBFrQZhHsbFdxyGzMU6cXt14eHeqctCc7gbxUpM'),
        plant('conn=%s', 'EAAAl3gW9vRt5Lm8Xq2Zp7Kc4Nd6Bh1Jf0Gs3Yw8Tv2Qe5Ua9Ri4Oo7Pn6Mk1Lj'),
      ],
      falsePositives: [
        'AAAAEAAAMcR4MVRZPApVLGwlIFJKsQy8QaxoHU4zyM-d0jshkyR9qadgTRIbSjKFHT4t',
        'EAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'sq0atp-short',
        // base64 padding, then more base64: no name before the `=`
        'AAAAB3NzaC1yc2E==EAAAl3gW9vRt5Lm8Xq2Zp7Kc4Nd6Bh1Jf0Gs3Yw8Tv2Qe5Ua9Ri4Oo7Pn6Mk1Lj',
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
    {
      id: 'ramp-client-secret',
      title: 'Ramp API client secret',
      keywords: ['ramp_sec_'],
      pattern: /(?<![A-Za-z0-9_])ramp_sec_[A-Za-z0-9]{48}(?![A-Za-z0-9_])/,
      entropy: 3.5,
      confidence: 'high',
      note: 'ramp_sec_ and 48 letters and digits (its client id, ramp_id_, is not secret). Rotate it in the Ramp developer app settings.',
      truePositives: [plant('RAMP_CLIENT_SECRET=%s', 'ramp_sec_niQWPj7dTJrg0Aq3X1P5JbDEmgsBvFWBzZOyFE8c6DqCs2HJ')],
      falsePositives: ['ramp_sec_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'ramp_sec_niQWPj7d', 'legacyramp_sec_niQWPj7dTJrg0Aq3X1P5JbDEmgsBvFWBzZOyFE8c6DqCs2HJ'],
    },
    {
      id: 'pagarme-api-key',
      title: 'Pagar.me live API key',
      keywords: ['ak_live_'],
      pattern: /(?<![A-Za-z0-9_])ak_live_[A-Za-z0-9]{30}(?![A-Za-z0-9_])/,
      entropy: 3.5,
      confidence: 'high',
      note: 'ak_live_ and 30 letters and digits. Regenerate it in the Pagar.me dashboard\'s API keys.',
      truePositives: [plant('PAGARME_API_KEY: %s', 'ak_live_CYxwUxYNYk9kStSGAEzPkT0vcSIy14')],
      falsePositives: ['ak_live_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'ak_live_CYxwUxYN', 'legacyak_live_CYxwUxYNYk9kStSGAEzPkT0vcSIy14'],
    },
    {
      id: 'recharge-api-key',
      title: 'Recharge API key',
      keywords: ['sk_'],
      // (its pattern gives none: `sk` then an optional group. Without one, every `task_`, `risk_` and `disk_` of a real
      // manifest sent its value on; a quote after `sk_` as for the formats' own anchors: `'sk_' ~ '…'`)
      anchor: /sk_(?:["']|(?:test_)?(?:10|[1235])x[123]_)/iy,
      pattern: /(?<![A-Za-z0-9_])sk(?:_test)?_(?:1|2|3|5|10)x[123]_[0-9a-fA-F]{64}(?![A-Za-z0-9_])/,
      verify: lettersAndDigits,
      confidence: 'high',
      note: 'sk_ (sk_test_ for a sandbox), the scopes (1x1 to 10x3), _ and 64 hex (trufflehog:rechargepayments); older keys without a prefix are a hash\'s shape and found under a recharge name. Delete it in Recharge (Apps, API tokens).',
      truePositives: [plant('X-Recharge-Access-Token: %s', 'sk_1x1_95369312d892593b4adde82c3e1b970348db8220ccca3eb59d7bba03b042b3bf'), plant('RECHARGE_KEY=%s', 'sk_test_3x3_93bed3355bae40ef13da42622d5493149b272abd6025c4d88349117ed69da3d4')],
      falsePositives: ['sk_1x1_0000000000000000000000000000000000000000000000000000000000000000', 'sk_1x1_95369312d892593b', 'dim_sk_1x1_orders'],
    },
    {
      id: 'braintree-access-token',
      title: 'Braintree access token',
      // (a keyword of `access_token$` added `$` to the keyword search's byte classes, and with it the UTF-8 search missed
      // `пароль` in a stream: test/engine/keyword-forms.test.ts; the anchor reads the `$`)
      keywords: ['access_token'],
      anchor: /access_token\$(?:production|sandbox)\$/iy,
      // (red team 66: without a braintree name it was found by nothing)
      pattern: /(?<![A-Za-z0-9_$])access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}(?![A-Za-z0-9_$])/,
      // the token's 32 hex of many digits (not a sample's zeros)
      verify: (s) => new Set(s.slice(s.lastIndexOf('$') + 1)).size >= 8,
      confidence: 'high',
      note: "access_token$, the environment (production or sandbox), $, the merchant's id (16), $ and 32 hex (gitleaks, trufflehog:braintreepayments): the token of a Braintree OAuth app or its PayPal SDK. Revoke it in the Braintree control panel (API, OAuth).",
      truePositives: [
        plant('BRAINTREE_ACCESS_TOKEN=%s', 'access_token$production$x7kq2vbn4mzr8tpl$3f9a1c7e2b6d4f80a5c1e3b9d7f2a4e6'),
        plant('gateway = braintree.BraintreeGateway(access_token="%s")', 'access_token$sandbox$4pt8zrm2vbn7kqx1$0b6e2d9f4a1c7e35b8d0f2a6c4e9b1d3'),
      ],
      falsePositives: [
        'access_token$production$merchant_id_here$00000000000000000000000000000000',
        'access_token$production$x7kq2vbn4mzr8tpl$00000000000000000000000000000000',
        'access_token$sandbox$x7kq2vbn4mzr8tpl$3f9a1c7e',
      ],
    },
  ],
};
