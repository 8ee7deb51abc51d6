/** Token formats: generic signed tokens. */
import { type FormatFamily, plant } from './define.js';

const JWT_HS256 =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtbG9hZGVyIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUtY29ycC5pbyIsImlhdCI6MTcxNDAwMDAwMCwiZXhwIjoxNzE0MDAzNjAwfQ.ChnBEpACzrskigNrJViRFyuwSRGc54RPeHUEUPXX_K0';
const JWT_RS256 =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6InY1Q3dvNHlmZzRZZGlTNGUiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJvOWN2RlFCcFcyQjEiLCJzY29wZSI6InJlYWQ6d2FyZWhvdXNlIiwiaWF0IjoxNzE2MDAwMDAwfQ.iXp__kuqORu36m11rX-9W2T_Jdm3ZhJkp9d46T7e0MO';

export const GENERIC: FormatFamily = {
  id: 'generic',
  title: 'Generic signed tokens',
  formats: [
    {
      id: 'jwt',
      title: 'JSON Web Token',
      keywords: ['eyj'],
      // Header and payload are base64url JSON objects (eyJ = '{"'); the signature must be present.
      pattern:
        /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,4096}\.eyJ[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{16,1024}(?![A-Za-z0-9_-])/,
      confidence: 'high',
      truePositives: [
        plant("select * from read_json('https://api.acme.io/v1/orders', headers = map {'Authorization': 'Bearer %s'})", JWT_HS256),
        plant('Connection failed for token %s: 401 Unauthorized', JWT_RS256),
      ],
      falsePositives: [
        'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJzdmMtbG9hZGVyIn0.',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.xxxxxxxxxxxxxxxxxxxxxxxx',
      ],
    },
  ],
};
