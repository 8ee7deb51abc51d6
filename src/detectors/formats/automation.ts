/** Token formats: automation and incident webhooks that alerting meta and hooks post to. */
import { assigned, type FormatFamily, lettersAndDigits, MD5, plant } from './define.js';

export const AUTOMATION: FormatFamily = {
  id: 'automation',
  title: 'Automation and incident webhooks',
  formats: [
    {
      id: 'mattermost-webhook-url',
      title: 'Mattermost incoming webhook URL',
      keywords: ['/hooks/'],
      // Mattermost's ids are 26 characters of its lower-case base32; the host is the team's own
      pattern: /https?:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?\/hooks\/[a-z0-9]{26}(?![A-Za-z0-9_-])/,
      verify: (url) => lettersAndDigits(url.slice(url.lastIndexOf('/') + 1)),
      note: 'Self-hosted: any host, then /hooks/ and a 26-character id, which is all the webhook needs.',
      entropy: 3,
      confidence: 'high',
      truePositives: [
        plant('meta: {alert_channel: %s}', 'https://chat.acme.io/hooks/xj4q9mz8bpf7dk3nq1tw6yrc5a'),
        plant("{{ notify_mattermost('%s', 'dbt run failed') }}", 'https://mattermost.acme.internal:8065/hooks/7ut3kdz1q9gx5bpw8hcmfe4roa'),
      ],
      falsePositives: [
        'https://gitlab.acme.io/api/v4/projects/42/hooks/17',
        'https://chat.acme.io/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx',
        'https://chat.acme.io/hooks/incomingwebhookfordbtalert',
        'https://chat.acme.io/hooks/<webhook-id>',
      ],
    },
    {
      id: 'rocketchat-webhook-url',
      title: 'Rocket.Chat incoming webhook URL',
      keywords: ['/hooks/'],
      // Rocket.Chat's: the team's own host, /hooks/, the integration's id (17 characters, or 24 in a Mongo id), then
      // its token (48 characters): anyone who has the URL posts to the channel
      pattern: /https?:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?\/hooks\/[A-Za-z0-9]{17,24}\/[A-Za-z0-9]{40,64}(?![A-Za-z0-9_-])/,
      verify: (url) => lettersAndDigits(url.slice(url.lastIndexOf('/') + 1)),
      note: 'Self-hosted: any host, then /hooks/, an id and a token of 40 characters or more, which is all the webhook needs. Regenerate the token in the integration.',
      entropy: 3.5,
      confidence: 'high',
      truePositives: [
        plant('meta: {rocketchat_hook: %s}', 'https://chat.tidewater.io/hooks/6Kc2tMWxsgBvaJWac/PiA4bxd7wmYYaXA5HT5Y6w3ByDTwEWDQNQWxgo8dGG5Sgyzz'),
        plant("{{ notify('%s', 'dbt run failed') }}", 'https://rocket.acme.internal:3000/hooks/64f1c2a9e8b7d6c5a4f3e2d1/q8ZLmX3vR7tK2pW9nB4cH6jF1sD5gA0yE8uI3oP7kM2nQ4rT'),
      ],
      falsePositives: [
        'https://chat.acme.io/hooks/6Kc2tMWxsgBvaJWac/<your-token>',
        'https://chat.acme.io/hooks/6Kc2tMWxsgBvaJWac/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'https://gitlab.acme.io/api/v4/projects/42/hooks/17',
        'https://docs.rocket.chat/use-rocket.chat/workspace-administration/integrations',
      ],
    },
    {
      id: 'ifttt-webhook-key',
      title: 'IFTTT Webhooks (Maker) key',
      keywords: ['maker.ifttt.com'],
      // the Webhooks service's URL: an event's name, then the account's key, which triggers any of its applets
      pattern: /https?:\/\/maker\.ifttt\.com\/trigger\/[A-Za-z0-9_.-]{1,64}\/(?:json\/)?with\/key\/(?<secret>[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/,
      verify: lettersAndDigits,
      entropy: 3.5,
      confidence: 'high',
      note: 'The key in a Webhooks URL triggers every applet of the account. Change it in the Webhooks service\'s settings.',
      truePositives: [
        plant('meta: {ifttt: "https://maker.ifttt.com/trigger/dbt_failed/with/key/%s"}', 'dQw4w9WgXcQk2Lp7Wz4Rt8'),
        plant("select http_post('https://maker.ifttt.com/trigger/orders_late/json/with/key/%s', '{}')", 'bX9-kP2mQ7vL4tR8wZ1cN6'),
      ],
      falsePositives: ['https://maker.ifttt.com/trigger/dbt_failed/with/key/{your-key}', 'https://maker.ifttt.com/trigger/dbt_failed/with/key/xxxxxxxxxxxxxxxxxxxxxx', 'https://ifttt.com/maker_webhooks'],
    },
    {
      id: 'make-webhook-url',
      title: 'Make (Integromat) webhook URL',
      keywords: ['make.com', 'integromat.com'],
      pattern: /https?:\/\/hook\.(?:[a-z]{2}\d{1,2}\.)?(?:make|integromat)\.com\/[a-z0-9]{32}(?![A-Za-z0-9_-])/,
      verify: (url) => lettersAndDigits(url.slice(url.lastIndexOf('/') + 1)),
      confidence: 'high',
      truePositives: [
        plant('on-run-end: "{{ post_to(\'%s\') }}"', 'https://hook.eu1.make.com/4k9xqz2lm7wpt1vr8sbn3c6yhd5fj0ga'),
        plant('notify: %s', 'https://hook.integromat.com/8fq2zk7wm1xv4lt9pr3nc6bh0yd5sj2e'),
      ],
      falsePositives: ['https://hook.eu1.make.com/<your-webhook-id>', 'https://www.make.com/en/help/tools/webhooks', 'https://hook.us1.make.com/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
    {
      id: 'pagerduty-routing-key',
      title: 'PagerDuty Events API routing key',
      keywords: ['routing_key', 'routing-key', 'routingkey', 'integration_key', 'integrationkey', 'routing key', 'integration key'],
      // the Events API v2 body's `routing_key` (an integration key in the UI): 32 letters and digits; in prose the name's
      // words (`routing key R0…`, `the integration key is 3f9c…`, red team 76)
      pattern: assigned('(?:pagerduty|pd)?[A-Za-z0-9_.-]{0,20}?(?:routing|integration)(?:[_-]?key|[ \\t]{1,2}key(?:[ \\t]{1,4}(?:is|was))?)', '[A-Za-z0-9]{32}', '(?![A-Za-z0-9_+/=-])'),
      verify: lettersAndDigits,
      note: 'Context only: the key is 32 letters and digits, found under the name the Events API gives it.',
      entropy: 3,
      confidence: 'medium',
      truePositives: [
        plant("select net.http_post('https://events.pagerduty.com/v2/enqueue', '{\"routing_key\": \"%s\", \"event_action\": \"trigger\"}')", 'R02E8Q4ZK7LX9MP3WV6TB1NC5YHJ0DFS'),
        plant('pd_integration_key: %s', '3f9c8a7e2b1d4f6a8c0e2b4d6f8a1c3e'),
        plant('PAGERDUTY_ROUTING-KEY=%s', 'b7d41e9a03c65f28e1a94d7c0b38f562'),
        plant("pagerduty:\n  routingKey: '%s'", 'Kq7Wz2Lp9Xc4Vm1Rt8Bn5Hd3Fg6Js0Ya'),
        plant('{"integrationKey": "%s"}', '9c2e7a1f4b8d3e6a0c5f9b2d7e1a4c8f'),
        plant('routing key %s', 'R00398278095e2b22ba54a6aae7313ad'),
        plant('The PagerDuty integration key is %s (service: dbt-prod).', '9c2e7a1f4b8d3e6a0c5f9b2d7e1a4c8f'),
      ],
      falsePositives: ['routing_key: orders.created.v1', 'the routing key orders.created.v1 of the exchange', 'integration key rotation is monthly', `checksum: ${MD5}`, 'routing_key: 00000000000000000000000000000000', "routing_key = '{{ env_var(\"PD_ROUTING_KEY\") }}'"],
    },
    {
      id: 'pagerduty-integration-url',
      title: 'PagerDuty integration URL',
      keywords: ['pagerduty.com/integration/'],
      // an integration's own URL (the Events API's, in the US or the EU service region): the integration key in its
      // path is all it takes to open incidents on the service
      pattern: /https?:\/\/events(?:\.eu)?\.pagerduty\.com\/integration\/(?<secret>[A-Za-z0-9]{32})\/enqueue(?![A-Za-z0-9_-])/i,
      verify: lettersAndDigits,
      entropy: 3,
      confidence: 'high',
      note: 'The integration key in the URL sends events to the service. Make a new integration (or regenerate its key) in the service\'s Integrations tab.',
      truePositives: [
        plant('exposures: {url: "https://events.pagerduty.com/integration/%s/enqueue"}', '7c3c635e5845eaaa5e84b676b9ce6975'),
        plant("select http_post('https://events.eu.pagerduty.com/integration/%s/enqueue', '{}')", 'R02E8Q4ZK7LX9MP3WV6TB1NC5YHJ0DFS'),
      ],
      falsePositives: [
        'https://events.pagerduty.com/integration/<integration-key>/enqueue',
        'https://events.pagerduty.com/integration/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/enqueue',
        'https://events.pagerduty.com/v2/enqueue',
        'https://developer.pagerduty.com/docs/events-api-v2/overview/',
      ],
    },
    {
      id: 'tines-webhook-url',
      title: 'Tines webhook URL',
      keywords: ['tines.com'],
      pattern: /https:\/\/[A-Za-z0-9-]{1,63}\.tines\.com\/webhook\/[a-z0-9]{32}\/[a-z0-9]{32}(?![A-Za-z0-9_-])/,
      verify: (url) => lettersAndDigits(url.slice(url.lastIndexOf('/') + 1)),
      confidence: 'high',
      note: 'A tenant of tines.com, /webhook/, then the path and the secret of 32 lower-case letters and digits each (trufflehog:tineswebhook): whoever has it starts the story. Change the secret in the webhook action\'s settings.',
      truePositives: [plant('on-run-end: "{{ post_to(\'%s\') }}"', 'https://acme-sec.tines.com/webhook/p0wxyw2hwfn25wsjs76mzl4ikegit0ml/ce8b0e5h09c1dj7zfzbbi7le10a1trt7')],
      falsePositives: ['https://acme-sec.tines.com/webhook/<path>/<secret>', 'https://www.tines.com/docs/actions/types/webhook', 'https://acme-sec.tines.com/webhook/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  ],
};
