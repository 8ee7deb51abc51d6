/**
 * Session 36's red-team round: an Authorization header whose scheme is a vendor's own (Opsgenie's
 * `GenieKey`, Splunk HEC's `Splunk`, Okta's `SSWS`, Elastic's `ApiKey`): only Bearer, Basic, Token
 * and Bot were read. Each case names the exact secret, or none; labels never show one.
 */
import { httpAuthDetector } from '../../src/detectors/http-auth.js';
import { checkDetector as check } from './detector-cases.js';

check(httpAuthDetector, [
  { label: "Opsgenie's GenieKey scheme in prose", text: 'On-call: Opsgenie `Authorization: GenieKey 3f2b9c1e-7d4a-4e8b-9c2f-5a6d7e8f9a0b`.', secrets: ['3f2b9c1e-7d4a-4e8b-9c2f-5a6d7e8f9a0b'] },
  { label: "Splunk HEC's scheme in a Python dict", text: "headers = {'Authorization': 'Splunk 9c4e2a7b-1f3d-4b6a-8e5c-2d7f9a1b3c5e'}", secrets: ['9c4e2a7b-1f3d-4b6a-8e5c-2d7f9a1b3c5e'] },
  { label: "Okta's SSWS scheme in a JSON header", text: '{"Authorization": "SSWS 00Qx7Lm2Vb9Nz4Tw1Yc5Hd3Fg6Js0Pa8Ue2Rk4Xm"}', secrets: ['00Qx7Lm2Vb9Nz4Tw1Yc5Hd3Fg6Js0Pa8Ue2Rk4Xm'] },
  { label: "Elastic's ApiKey scheme, base64 with padding", text: 'curl -H "Authorization: ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==" https://es.acme.io', secrets: ['VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=='] },
  { label: 'a scheme with a placeholder, a prose header and a snake_case name', text: 'Authorization: GenieKey <your-api-key>. Authorization: required for every endpoint. Authorization: Splunk hec_token_from_vault_2024', secrets: [] },
  { label: 'a scheme word without the header name is not read', text: 'The GenieKey 3f2b9c1e-7d4a-4e8b-9c2f-5a6d7e8f9a0b column holds the id of the integration.', secrets: [] },
]);
