/** Token formats: generic signed tokens. */
import { type FormatFamily, plant } from './define.js';
import { isBase64Jwt, isJwt, JSON_OBJECT_START } from './structure.js';

const JWT_HS256 =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtbG9hZGVyIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmFjbWUtY29ycC5pbyIsImlhdCI6MTcxNDAwMDAwMCwiZXhwIjoxNzE0MDAzNjAwfQ.ChnBEpACzrskigNrJViRFyuwSRGc54RPeHUEUPXX_K0';
// Supabase's two API keys: the anon key is public (it ships to browsers), the service_role key bypasses row security.
const SUPABASE_ANON = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a3psbWRmcnR2Ym55cG94Y2FqIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTQwMDAwMDAsImV4cCI6MjAyOTU3NjAwMH0.Kq3vTz8LmWn2Xp5RbYc7HdJf9GsA1eQo4uVi6NkE0tM';
const SUPABASE_SERVICE_ROLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a3psbWRmcnR2Ym55cG94Y2FqIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxNDAwMDAwMCwiZXhwIjoyMDI5NTc2MDAwfQ.Zr7pQm2Lx9WcT4vBn6YkHs3Ja8DfGu1EoRi5NtK0lVq';
// Headers serialized with a space after the brace, or pretty-printed: `eyA…`, `ewo…`, not `eyJ…`.
const JWT_SPACED = 'eyAiYWxnIjogIkhTMjU2IiwgInR5cCI6ICJKV1QiIH0.eyJzdWIiOiJzdmMtcmV2ZXJzZS1ldGwiLCJpc3MiOiJodHRwczovL2F1dGguYWNtZS1jb3JwLmlvIiwiaWF0IjoxNzMzMDAwMDAwLCJleHAiOjE3MzMwMDM2MDB9.H_ssxhodo1vu6ffXXaIRdXRV2652162Yhws4n0lvVtY';
const JWT_PRETTY = 'ewogICJhbGciOiAiUlMyNTYiLAogICJ0eXAiOiAiSldUIgp9.ewogICJzdWIiOiAiZGJ0LWNsb3VkLXJ1bm5lciIsCiAgInNjb3BlIjogIndhcmVob3VzZTp3cml0ZSIsCiAgImlhdCI6IDE3MzMxMDAwMDAKfQ.b6hNgB1VJ-Mkg4oMdAmkf3COm2Ve_wHoOChm0umyBl8';
const JWT_RS256 =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6InY1Q3dvNHlmZzRZZGlTNGUiLCJ0eXAiOiJKV1QifQ.eyJzdWIiOiJvOWN2RlFCcFcyQjEiLCJzY29wZSI6InJlYWQ6d2FyZWhvdXNlIiwiaWF0IjoxNzE2MDAwMDAwfQ.iXp__kuqORu36m11rX-9W2T_Jdm3ZhJkp9d46T7e0MO';

export const GENERIC: FormatFamily = {
  id: 'generic',
  title: 'Generic signed tokens',
  formats: [
    {
      id: 'jwt',
      title: 'JSON Web Token',
      keywords: ['eyj', 'eya', 'ewo', 'ew0', 'ewk'],
      // Header and payload are base64url JSON objects (eyJ = '{"', see JSON_OBJECT_START); the signature must be present.
      pattern: new RegExp(
        `(?<![A-Za-z0-9_-])${JSON_OBJECT_START}[A-Za-z0-9_-]{10,4096}\\.${JSON_OBJECT_START}[A-Za-z0-9_-]{10,8192}\\.[A-Za-z0-9_-]{16,1024}(?![A-Za-z0-9_-])`,
      ),
      verify: isJwt,
      note: 'Header and payload must decode to JSON objects and the header must name its alg.',
      confidence: 'high',
      truePositives: [
        plant("select * from read_json('https://api.acme.io/v1/orders', headers = map {'Authorization': 'Bearer %s'})", JWT_HS256),
        plant('Connection failed for token %s: 401 Unauthorized', JWT_RS256),
        plant('SUPABASE_SERVICE_ROLE_KEY=%s', SUPABASE_SERVICE_ROLE),
        plant('curl -H "Authorization: Bearer %s" https://api.acme.io/v1/export', JWT_SPACED),
        plant('token rejected (%s): expired', JWT_PRETTY),
        plant('JWT=%s', 'ewkiYWxnIjogIkhTMjU2In0.ewkic3ViIjogIngtdGFiLWNsaWVudCIsICJpYXQiOiAxNzMzMjAwMDAwfQ.RXHBS7CQUx1PkwAo3bzccEr879-9-QsvPzE9BVhchRs'),
        plant('JWT=%s', 'ew0KICAiYWxnIjogIkhTNTEyIg0KfQ.ew0KICAic3ViIjogImxvb2tlci1zeW5jIg0KfQ.g1HwlOCR9XydbtSF773Khy4gKHTqud8456KId5PbxX8'),
      ],
      falsePositives: ['eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJzdmMtbG9hZGVyIiwiaWF0IjoxNzE0MDAwMDAwfQ.ChnBEpACzrskigNrJViRFyuwSRGc54RPeHUEUPXX_K0', 'eyJhbGciOiJIUzI1NiJ9xyz.eyJzdWIiOiJzdmMtbG9hZGVyIn0.ChnBEpACzrskigNrJViRFyuwSRGc54RPeHUEUPXX_K0', 
        'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJzdmMtbG9hZGVyIn0.',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.xxxxxxxxxxxxxxxxxxxxxxxx',
        `SUPABASE_ANON_KEY=${SUPABASE_ANON}`,
        // jwt.io's sample token: its payload is John Doe's
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        // pretty-printed JSON, base64url, dot-joined: no alg, not a token
        'ewogICJuYW1lIjogIm9yZGVycyIsCiAgInZlcnNpb24iOiAzCn0.ewogICJyb3dzIjogMTIwMAp9.j9EvXgamTdUscwyg59g7lDchfSEFnL3hJKewInTpkBw',
        // base64 of text that begins with the letters of ewo/eyA, not of JSON
        'ewoksAreFurryAndLiveOnEndor.ewoksAreFurryAndLiveOnEndor.ewoksAreFurryAndLiveOnEndor',
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
