/** Token formats: chat and webhooks. */
import { assigned, assignedTo, CASED, type FormatFamily, plant, UUID, vendorWord } from './define.js';
import { hasSlackSegments, isDiscordBotToken, isSlackWebhook } from './structure.js';

/** A Discord bot token: the bot's id in base64url (it begins M, N or O: digits), a 6-character timestamp, an HMAC of 27 or 38. */
const DISCORD_BOT_TOKEN = '[MNO][A-Za-z0-9_-]{22,26}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}';

export const CHAT: FormatFamily = {
  id: 'chat',
  title: 'Chat and webhooks',
  formats: [
    {
      id: 'slack-bot-token',
      title: 'Slack bot token',
      keywords: ['xoxb-'],
      pattern: /(?<![A-Za-z0-9_-])xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,48}(?![A-Za-z0-9_-])/,
      verify: hasSlackSegments,
      note: 'Team and bot ids are numeric and the secret part is 24 characters (18 to 26 in the legacy two-segment form).',
      confidence: 'high',
      truePositives: [
        plant("{{ config(post_hook=\"call notify_slack('%s', '#data-alerts')\") }}", 'xoxb-2056953118-6132642469771-NpfRL3OKbJgGBgRVW0Kkw26Q'),
        plant('SLACK_BOT_TOKEN=%s', 'xoxb-2748193650-4829163750284-Rk3Lm9Qp2Xz8Vt4Nw7Yc1Hd5'),
      ],
      falsePositives: ['xoxb-2056953118-6132642469771-NpfRL3OKbJgGBgRVW0Kkw26QaB', 'xoxb-your-bot-token', 'xoxb-2056953118-6132642469771', 'abcxoxb-2056953118-6132642469771-NpfRL3OKbJgGBgRVW0Kkw26Q', 'xoxb-2056953118-6132642469771-xxxxxxxxxxxxxxxxxxxxxxxx'],
    },
    {
      id: 'slack-user-token',
      title: 'Slack user token',
      keywords: ['xoxp-', 'xoxe-'],
      pattern: /(?<![A-Za-z0-9_-])xox[pe]-(?:[0-9]{8,14}-){2,3}[A-Za-z0-9-]{28,34}(?![A-Za-z0-9_-])/,
      entropy: 3,
      verify: hasSlackSegments,
      note: 'Team, user and id segments are numeric, the secret part 28 to 34 characters (letters, digits and, as gitleaks reads it, dashes); xoxe- as gitleaks names a rotating user token.',
      confidence: 'high',
      truePositives: [
        plant('token=%s&channel=C024BE91L', 'xoxp-388210374343-200815457137-5879396947903-4fd1bbf1572f093a2c144f85c264982e'),
        plant('SLACK_USER_TOKEN: %s', 'xoxe-3028357825-4463429428-2453690409477-ZcIHASlNvyqOFfi-u7tHJySRWOS6JPMw'),
      ],
      falsePositives: ['xoxp-388210374343-200815457137-5879396947903', 'xoxp-token-here', 'xoxp-000000000000-000000000000-000000000000-00000000000000000000000000000000', 'xoxe-3028357825-4463429428-2453690409477', 'xoxe-3028357825-4463429428-2453690409477----------------------------'],
    },
    {
      id: 'slack-app-token',
      title: 'Slack app-level token',
      keywords: ['xapp-'],
      // an app id of 11, a timestamp of 13 and 64 hex as issued; gitleaks takes any lengths
      pattern: /(?<![A-Za-z0-9_-])xapp-\d-[A-Za-z0-9]{1,32}-\d{1,20}-[A-Za-z0-9]{12,128}(?![A-Za-z0-9_-])/,
      entropy: 3,
      confidence: 'high',
      truePositives: [
        plant('SLACK_APP_TOKEN: "%s"', 'xapp-1-A0QFZCVGQSO-3258613406399-4aa6bf03b7e2950bd6b4cacc38c2524674a0e2ddc5be51839c57302f7c307f75'),
        plant('SLACK_APP_TOKEN: "%s"', 'xapp-9-78AHN2ICO4T39398TB9-925939-ng73kq8x2m5p'),
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
      // a team, a bot or workflow and a token as issued; or (as gitleaks samples it) 43 to 56
      // characters of letters, digits, / and + after services/, when they read as random
      pattern: /(?:https?:\/\/)?(?<![A-Za-z0-9_.-])hooks\.slack\.com\/(?:services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{7,12}\/[A-Za-z0-9]{24}|(?:workflows|triggers)\/T[A-Z0-9]{8,12}\/(?:A[A-Z0-9]{8,12}\/)?[0-9]{8,20}\/[A-Za-z0-9]{24,32}|(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56})(?![A-Za-z0-9_+/-])/,
      verify: isSlackWebhook,
      confidence: 'high',
      truePositives: [
        plant(
          "{{ config(post_hook=\"select system$send_snowflake_notification('%s', 'done')\") }}",
          'https://hooks.slack.com/services/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',
        ),
        plant('alerts go to hooks.slack.com/services/T0IJQF7WLB/B05LKHA3D9D/%s', 'hooks.slack.com/services/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'),
        // Workflow Builder's webhooks: a team, a workflow, a trigger id and a token
        plant('meta: {on_failure: %s}', 'https://hooks.slack.com/workflows/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'),
        plant('post to %s when the run fails', 'https://hooks.slack.com/triggers/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'),
        plant('meta: {alerts: %s}', 'https://hooks.slack.com/services/FgZCRmeIID9DIXeUwKl+n0vABaURKPHbyMDq7Lm2Xv9Rk4'),
      ],
      falsePositives: [
        'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
        'https://hooks.slack.com/services/T0IJQF7WLB/B05LKHA3D9D/dZH46OcCQxpy',
        'see https://api.slack.com/messaging/webhooks',
        'https://hooks.slack.com/services/your/webhook/path/goes/here/for/the/alerts',
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
      keywords: ['webhook.office.com', 'outlook.office'],
      pattern:
        // GUIDs and a hex token as issued; gitleaks reads them as lower-case letters and digits. The connectors made
        // before 2021 post to outlook.office.com/webhook/ (office365.com too) with the same parts
        /https:\/\/(?:[A-Za-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[0-9a-z-]{36}@[0-9a-z-]{36}\/IncomingWebhook\/[0-9a-z]{32}\/[0-9a-z-]{36}(?:\/V2[A-Za-z0-9_-]{20,80})?(?![A-Za-z0-9_-])/,
      confidence: 'high',
      truePositives: [
        plant(
          'on-run-end: "{{ notify_teams(\'%s\') }}"',
          'https://acme.webhook.office.com/webhookb2/ad12bc56-5788-4df4-af86-b807054470e3@e31083da-2fc6-48c9-ad56-d87c28b81949/IncomingWebhook/3601f68b02aa36c0501391f94385812b/f72b1304-d8e7-4e4f-a6ce-56b366efdafd/V2qRtpQArqAAYxNe2oFMU4A58BMlFv6UY4Gnp0Xu1Nmtt',
        ),
        plant(
          'meta: {notify_url: %s}',
          'https://outlook.office.com/webhook/5d2e9c41-7b3a-4f08-9e6d-21c4a8b7f3e0@0f9a3b6c-2d1e-4c5b-8a7f-6e3d2c1b0a9f/IncomingWebhook/b4e19c7a2f3d4e8a9c1b6d5f0e7a2c3b/7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
        ),
        plant('teams: %s', 'https://p33imectzuu2z.webhook.office.com/webhookb2/c7kjrfah-q2mw-4xz8-pt5r-n3vb6yd9kle1@k2l9p4x7-m3n8-4q5w-r6t1-y8u2i9o3p4a5/IncomingWebhook/x7k2m9p4q5w8r3t6y1u4i7o2p5a8s3d6/m4n7b2v5-c8x1-4z3l-k6j9-h2g5f8d1s4a7'),
      ],
      falsePositives: [
        'https://acme.webhook.office.com/webhookb2/<id>/IncomingWebhook/<token>',
        'https://outlook.office.com/webhook/<group-id>@<tenant-id>/IncomingWebhook/<hook-id>/<owner-id>',
        'open https://outlook.office.com/mail/inbox or https://outlook.office365.com/owa/',
        `https://acme.sharepoint.com/${UUID}`,
        'https://acme.webhook.office.com/webhookb2/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx@xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/IncomingWebhook/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
      ],
    },
    {
      id: 'telegram-bot-token',
      title: 'Telegram bot token',
      keywords: ['telegram'],
      // the secret half begins with A as issued; trufflehog:telegrambottoken and detect-secrets read any 35 after 8 to 10 digits.
      // The bot's id stands alone or after the API's `bot` (`/bot5159565446:AA…/sendMessage`): digits ending a name are an
      // XML prefix's (`clm78624:AgencyIdentificationCodeContentType`, an XSD type: gitleaks' own false positive, red team 73)
      pattern: /(?:(?<=bot)|(?<![0-9A-Za-z_-]))(?:[0-9]{5,16}:A[A-Za-z0-9_-]{34}|[0-9]{8,10}:[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/,
      entropy: 3.5,
      confidence: 'medium',
      truePositives: [plant("select http_post('https://api.telegram.org/bot%s/sendMessage', msg)", '5159565446:AA_zrFxf1McAz8z-l3KcZ2Jcph3GgNh-jP-'), plant('TELEGRAM_BOT_TOKEN=%s', '77110020:Ecvb_WXy2F8ufG4qPO6Z9Ll7zgvGApg0f3B')],
      falsePositives: ['5159565446:Bx_zrFxf1McAz8z-l3KcZ2Jcph3GgNh-jP-', 'telegram 5159565446:AA_zrFxf1Mc', 'telegram at 12:30:00', 'telegram_api_token = "<xsd:element name="AgencyIdentificationCode" type="clm78624:AgencyIdentificationCodeContentType"/>"'],
    },
    {
      id: 'telegram-bot-token-issued',
      title: 'Telegram bot token',
      keywords: [':aa'],
      // as BotFather issues them: the bot's id (8 to 10 digits), a colon and AA and 33 more; distinctive without a telegram name
      // where values are set (env, vars, meta, code), not in prose, where an id of that shape may be a shard's (free-text reads
      // telegram-bot-token, beside the word Telegram)
      pattern: /(?<![0-9A-Za-z_:-])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/,
      entropy: 3.8,
      confidence: 'medium',
      note: 'The bot id (8 to 10 digits), :AA and 33 base64url characters, as BotFather issues them (detect-secrets reads any such value); telegram-bot-token (before it: the id findings under a telegram name keep) reads these and other forms under a telegram name. Revoke it with /revoke in BotFather.',
      truePositives: [plant('BOT_TOKEN=%s', '6754834219:AAe0BJ-Q8IAHEu1M30mEJjkfED49fxELatK')],
      falsePositives: ['6754834219:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '6754834219:AAe0BJ-Q8IAHEu1M30mEJjkfED49fxELat', '12:30:00 6754834219', 'x6754834219:AAe0BJ-Q8IAHEu1M30mEJjkfED49fxELatK'],
    },
    {
      id: 'slack-legacy-token',
      title: 'Slack legacy token',
      keywords: ['xoxo-', 'xoxs-'],
      pattern: /(?<![A-Za-z0-9_])(?:xoxo\-|xoxs\-)[0-9]{1,14}\-[0-9]{1,14}\-[0-9]{1,14}\-[a-fA-F0-9]{8,64}(?![A-Za-z0-9_\-])/,
      confidence: 'high',
      truePositives: [plant('Authorization: Bearer %s', 'xoxo-9046873-7290-270-df2eAF86'), plant('select * from api_call(\'%s\')', 'xoxs-0497-893467051-5130-89E1B7C32')],
      falsePositives: ['xoxo-21586409-519368072-428906153-c7Cabd0', 'xoxo-<your slack legacy token>', 'stg_xoxo-9046873-7290-270-df2eAF86'],
    },
    {
      id: 'discord-bot-token',
      title: 'Discord API token',
      keywords: ['discord'],
      pattern: assigned(vendorWord('discord'), '[a-fA-F0-9]{64}', undefined, CASED),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('DISCORD_API_TOKEN: "%s"', '0bb955adbace4757104b6c44f6e1a5d25e70710b6ace90486f7465cb1e6dda51')],
      falsePositives: ['0bb955adbace4757104b6c44f6e1a5d25e70710b6ace90486f7465cb1e6dda51', 'DISCORD_API_TOKEN: "{{ env_var(\'DISCORD_API_TOKEN\') }}"', 'DISCORD_API_TOKEN: "2e6c5e0141532bbecb20be644c9af3043da7688c1f4d59fd2be3253bc607abe"'],
    },
    {
      id: 'discord-bot-token-v2',
      title: 'Discord bot token',
      // both keywords are others' too: the scan finds no more words than before
      keywords: ['discord', 'authorization'],
      pattern: new RegExp(
        `(?:${assignedTo(vendorWord('discord'))}|(?:[Aa]uthorization|AUTHORIZATION)(?:\\\\?["'])?\\s{0,4}[:=]\\s{0,4}(?:\\\\?["'])?Bot\\s{1,4}|(?<![A-Za-z0-9_])(?:[Dd]iscord|DISCORD)(?![A-Za-z0-9_])[^\\n]{1,80}?(?<![A-Za-z0-9_.-]))(?<secret>${DISCORD_BOT_TOKEN})(?![A-Za-z0-9_.-])`,
      ),
      verify: isDiscordBotToken,
      confidence: 'high',
      note: "Three base64url segments, the first the bot's user id (decoded and checked: 17 to 20 digits), under a discord name, after Discord's `Authorization: Bot` scheme, or later on a line that names Discord (a chat message pasted in a description). A bare token has no literal to look for (see format-sources.md).",
      truePositives: [
        plant('DISCORD_BOT_TOKEN=%s', 'MTA4NzE2ODk2NjUxNDE2NzgxOA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_'),
        plant("discordToken: '%s'", 'OTk4ODc3NjY1NTQ0MzMyMjEx.GxYz7k.61nk7Wi3FHN7s7oxk8RgS3Q4aYR'),
        plant('requests.post(url, headers={"Authorization": "Bot %s"})', 'MTA4NzE2ODk2NjUxNDE2NzgxOA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_'),
        plant('discord = "%s"', 'OTk4ODc3NjY1NTQ0MzMyMjEx.GxYz7k.61nk7Wi3FHN7s7oxk8RgS3Q4aYR'),
        plant('from #data-eng: "Discord is failing again, I swapped in %s for now, will rotate Monday"', 'MTA4NzE2ODk2NjUxNDE2NzgxOA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_'),
      ],
      falsePositives: [
        'MTA4NzE2ODk2NjUxNDE2NzgxOA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_',
        // the id is no snowflake: base64url of "3 blind mice sat on" and of 19 digits with a leading zero
        'DISCORD_BOT_TOKEN=MyBibGluZCBtaWNlIHNhdCBvbg.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_',
        'discord_token: MDEyMzQ1Njc4OTAxMjM0NTY3OA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_',
        // a bearer token (no Bot scheme), dotted dbt names
        'Authorization: Bearer MTA4NzE2ODk2NjUxNDE2NzgxOA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_',
        'discord_model: model.discord_alerts.notify_on_failure',
        // Discord named on the line, a dotted value whose first part is no bot's id
        'Discord alerts go through MyBibGluZCBtaWNlIHNhdCBvbg.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_ now',
        'Discord bot for #alerts.\nMTA4NzE2ODk2NjUxNDE2NzgxOA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_',
        // a name that holds the word, not the vendor named in prose
        'discordant_notes: MTA4NzE2ODk2NjUxNDE2NzgxOA.QyaGqX.uOsTxGq9RHpkqAGBkEXxVmwgLYWD0e9YUC_Y8_',
      ],
    },
    {
      id: 'discord-client-secret',
      title: 'Discord client secret',
      keywords: ['discord'],
      pattern: assigned(vendorWord('discord'), '[A-Za-z0-9_=-]{32}', undefined, CASED),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('discord_client_secret: "%s"', '2uwSC5DhZvkGWJgy-rHW8au9blUnFOwa')],
      falsePositives: ['2uwSC5DhZvkGWJgy-rHW8au9blUnFOwa', 'discord_client_secret: "{{ env_var(\'DISCORD_CLIENT_SECRET\') }}"', 'discord_client_secret: "6Sft2PHDi=cIQQfcNUTzqegRW_V=iWZ"'],
    },
    {
      id: 'gitter-access-token',
      title: 'Gitter access token',
      keywords: ['gitter'],
      pattern: assigned('gitter[A-Za-z0-9_.-]{0,20}?', '[A-Za-z0-9_-]{40}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('GITTER_TOKEN: "%s"', 'SRdUz8Hgny2YfjCR06mHTxtlSfZ42qDcG6WFrCi1')],
      falsePositives: ['SRdUz8Hgny2YfjCR06mHTxtlSfZ42qDcG6WFrCi1', 'GITTER_TOKEN: "{{ env_var(\'GITTER_TOKEN\') }}"', 'GITTER_TOKEN: "gzUT0Rk1kKuwwYkxclCiEsUO0HuWPxaHbDepQ7i"'],
    },
    {
      id: 'mattermost-access-token',
      title: 'Mattermost access token',
      keywords: ['mattermost'],
      pattern: assigned('mattermost[A-Za-z0-9_.-]{0,20}?', '[a-z0-9]{26}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('MATTERMOST_TOKEN: "%s"', 'lsd2m7i3irryxjrgks0f3llbdt')],
      falsePositives: ['lsd2m7i3irryxjrgks0f3llbdt', 'MATTERMOST_TOKEN: "{{ env_var(\'MATTERMOST_TOKEN\') }}"', 'MATTERMOST_TOKEN: "f3qszxskk1mipvzmbl8t7uzdv"'],
    },
    {
      id: 'sendbird-access-token',
      title: 'Sendbird API token',
      keywords: ['sendbird'],
      pattern: assigned('sendbird[A-Za-z0-9_.-]{0,20}?', '[a-f0-9]{40}'),
      entropy: 3.0,
      confidence: 'medium',
      truePositives: [plant('SENDBIRD_API_TOKEN: "%s"', '7eb06050d1715db39aafc07b7167c8825aaf0dad')],
      falsePositives: ['7eb06050d1715db39aafc07b7167c8825aaf0dad', 'SENDBIRD_API_TOKEN: "{{ env_var(\'SENDBIRD_API_TOKEN\') }}"', 'SENDBIRD_API_TOKEN: "42c81ec71421970d7b46984013eb850093cc3f7"'],
    },
    {
      id: 'zapier-webhook-url',
      title: 'Zapier catch hook URL',
      keywords: ['hooks.zapier.com'],
      pattern: /(?<![A-Za-z0-9_.-])https:\/\/hooks\.zapier\.com\/hooks\/catch\/[0-9]{4,12}\/[A-Za-z0-9]{4,16}\/?(?![A-Za-z0-9_-])/,
      confidence: 'high',
      note: 'A catch hook\'s URL is its only credential: anyone who has it can start the Zap. Turn the Zap\'s trigger off and create a new hook.',
      truePositives: [plant('{{ config(post_hook="select http_post(\'%s\', \'done\')") }}', 'https://hooks.zapier.com/hooks/catch/9057412/5m42ru/')],
      falsePositives: ['https://hooks.zapier.com/hooks/catch/x9057412/5m42ru/', 'https://hooks.zapier.com/hooks/catch/'],
    },
    {
      id: 'firebase-cloud-messaging-server-key',
      title: 'Firebase Cloud Messaging legacy server key',
      keywords: [':apa91b'],
      pattern: /(?<![A-Za-z0-9_-])AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}(?![A-Za-z0-9_-])/,
      entropy: 4.0,
      confidence: 'high',
      note: 'AAAA, 7 characters, :APA91b and 134 base64url characters (the legacy FCM server key, sent as key=… in the Authorization header). Delete it in the Firebase console (Project settings, Cloud Messaging).',
      truePositives: [
        plant(
          "select http_post('https://fcm.googleapis.com/fcm/send', 'key=%s', payload)",
          'AAAAhndfZFr:APA91b8RPuXYG8CmPM1LcW-eoLZk_0joAN0yKoK1EquhOJYVlUG4lD4Uq5VbvbrSjXFxATtCfyJJ5bCL1hSGmi1Zga3-3Azd-4gm-RgFgzG0hppDu-j7ahwB06vD0nG1KbjGGg0_Scbw',
        ),
      ],
      falsePositives: ['AAAAhndfZFr:APA91b8RPuXYG8CmPM1LcW', `AAAAhndfZFr:APA91b${'x'.repeat(134)}`],
    },
  ],
};
