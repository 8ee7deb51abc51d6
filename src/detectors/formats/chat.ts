/** Token formats: chat and webhooks. */
import { type FormatFamily, plant, UUID } from './define.js';

export const CHAT: FormatFamily = {
  id: 'chat',
  title: 'Chat and webhooks',
  formats: [
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
  ],
};
