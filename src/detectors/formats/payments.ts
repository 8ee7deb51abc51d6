/** Token formats: payments and commerce. */
import { type FormatFamily, MD5, plant } from './define.js';
import { isStripeKey } from './structure.js';

export const PAYMENTS: FormatFamily = {
  id: 'payments',
  title: 'Payments and commerce',
  formats: [
    {
      id: 'stripe-secret-key',
      title: 'Stripe live secret key',
      keywords: ['sk_live_'],
      pattern: /(?<![A-Za-z0-9_])sk_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])/,
      verify: isStripeKey,
      note: 'Mode live or test; Stripe documents no fixed length, so the body is only bounded (24 to 247 characters).',
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
      verify: isStripeKey,
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
  ],
};
