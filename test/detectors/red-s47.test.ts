/**
 * Session 47: what session 46's red teams left. Red team 55 (the brief's places): a Teams connector made before
 * 2021, posting to outlook.office.com/webhook/, under a key that says nothing (`meta.notify_url`); and a Honeycomb key
 * of 32 letters of both cases and digits after OpenTelemetry's `x-honeycomb-team=` header. Each case names the
 * exact secret, or none.
 */
import t from 'tap';
import { DETECTORS } from '../../src/detectors/index.js';

function idsIn(text: string, key?: string): string[] {
  return DETECTORS.flatMap((d) => d.detect(text, { key }).map((m) => `${d.id}:${text.slice(m.start, m.end)}`));
}

t.test("a legacy Teams connector's URL under any key", async (t) => {
  const legacy =
    'https://outlook.office.com/webhook/3f2a8c1e-4b5d-4e6f-8a9b-0c1d2e3f4a5b@9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d/IncomingWebhook/8c3e5a7b9d1f2a4c6e8b0d2f4a6c8e0b/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  t.ok(idsIn(legacy, 'notify_url').includes(`microsoft-teams-webhook-url:${legacy}`), 'outlook.office.com');
  const o365 = legacy.replace('outlook.office.com', 'outlook.office365.com');
  t.ok(idsIn(`post the run's status to ${o365} when it fails`).includes(`microsoft-teams-webhook-url:${o365}`), 'outlook.office365.com, in prose');
  // Outlook's own pages, and the URL's parts left as placeholders: no webhook
  t.same(idsIn('https://outlook.office.com/mail/inbox/id/AAQkAGI2TG93AAA%3D', 'notify_url'), [], "a mail's link");
  t.same(idsIn('https://outlook.office.com/webhook/<group>@<tenant>/IncomingWebhook/<id>/<owner>', 'notify_url'), [], 'placeholders');
});

t.test("a Honeycomb key of 32 letters and digits after OpenTelemetry's header", async (t) => {
  const key = 'c7KAZKOIVZSsg3wMckaxYVayb09NzUhK';
  t.ok(idsIn(`x-honeycomb-team=${key}`, 'DBT_ENV_CUSTOM_ENV_OTEL_EXPORTER_OTLP_HEADERS').includes(`honeycomb-api-key:${key}`), 'in metadata.env');
  t.ok(idsIn(`exporter failed: OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=${key}`).includes(`honeycomb-api-key:${key}`), 'in a message');
  // words of 32 letters under the same name, one case or in title case, and 31 or 33 characters: none
  t.notOk(idsIn('honeycomb_team: DataPlatformAnalyticsEngineering').some((id) => id.startsWith('honeycomb')), 'title-case words');
  t.notOk(idsIn(`x-honeycomb-team=${key.slice(1)}`).some((id) => id.startsWith('honeycomb')), '31 characters');
  t.notOk(idsIn(`x-honeycomb-team=${key}Q`).some((id) => id.startsWith('honeycomb')), '33 characters');
});
