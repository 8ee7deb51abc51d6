/** Token formats: generic signed tokens. */
import { type FormatFamily, plant } from './define.js';
import { isBase64Jwt, isJwt } from './structure.js';

const JWT_HS256 =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtbG9hZGVyIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUtY29ycC5pbyIsImlhdCI6MTcxNDAwMDAwMCwiZXhwIjoxNzE0MDAzNjAwfQ.ChnBEpACzrskigNrJViRFyuwSRGc54RPeHUEUPXX_K0';
// Supabase's two API keys: the anon key is public (it ships to browsers), the service_role key bypasses row security.
const SUPABASE_ANON = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a3psbWRmcnR2Ym55cG94Y2FqIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTQwMDAwMDAsImV4cCI6MjAyOTU3NjAwMH0.Kq3vTz8LmWn2Xp5RbYc7HdJf9GsA1eQo4uVi6NkE0tM';
const SUPABASE_SERVICE_ROLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a3psbWRmcnR2Ym55cG94Y2FqIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxNDAwMDAwMCwiZXhwIjoyMDI5NTc2MDAwfQ.Zr7pQm2Lx9WcT4vBn6YkHs3Ja8DfGu1EoRi5NtK0lVq';
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
      verify: isJwt,
      note: 'Header and payload must decode to JSON objects and the header must name its alg.',
      confidence: 'high',
      truePositives: [
        plant("select * from read_json('https://api.acme.io/v1/orders', headers = map {'Authorization': 'Bearer %s'})", JWT_HS256),
        plant('Connection failed for token %s: 401 Unauthorized', JWT_RS256),
        plant('SUPABASE_SERVICE_ROLE_KEY=%s', SUPABASE_SERVICE_ROLE),
      ],
      falsePositives: ['eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJzdmMtbG9hZGVyIiwiaWF0IjoxNzE0MDAwMDAwfQ.ChnBEpACzrskigNrJViRFyuwSRGc54RPeHUEUPXX_K0', 'eyJhbGciOiJIUzI1NiJ9xyz.eyJzdWIiOiJzdmMtbG9hZGVyIn0.ChnBEpACzrskigNrJViRFyuwSRGc54RPeHUEUPXX_K0', 
        'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJzdmMtbG9hZGVyIn0.',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.xxxxxxxxxxxxxxxxxxxxxxxx',
        `SUPABASE_ANON_KEY=${SUPABASE_ANON}`,
        // jwt.io's sample token: its payload is John Doe's
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      ],
    },
    {
      id: 'jwt-base64',
      title: 'JSON Web Token, base64-encoded',
      keywords: ['zxlk'],
      pattern: /(?<![A-Za-z0-9+\/_-])ZXlK[A-Za-z0-9+\/]{40,12000}={0,2}(?![A-Za-z0-9+\/=_-])/,
      verify: isBase64Jwt,
      note: 'Decoded, then checked as a JWT.',
      confidence: 'high',
      truePositives: [plant('auth_header_b64: %s', 'ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5LmV5SnpkV0lpT2lKemRtTXRiRzloWkdWeUlpd2lhV0YwSWpveE56RTBNREF3TURBd2ZRLk9VSE5tM1FzU05TRlI0VG9WcXhMSGpwSjV3Ukd6Y2dzZENFM2RtQURkSm8=')],
      falsePositives: ['ZXlKdWIzUWlPaUpoSUhSdmEyVnVJbjAgYW5kIHNvbWUgb3RoZXIgdGV4dCB0aGF0IGlzIGxvbmcgZW5vdWdo'],
    },
  ],
};
