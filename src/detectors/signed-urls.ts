/** Signatures in pre-signed URLs (S3, GCS, Azure SAS, CloudFront): whoever has the URL has access. */
import type { Detector, DetectorMatch } from '../types.js';
import { QUERY_AMPERSAND } from './formats/define.js';
import { isPlaceholder } from './placeholders.js';
import { ForwardSearch, scanAll } from './work.js';

// (CloudFront writes its signature in base64 with `-`, `_` and `~` for `+`, `=` and `/`: read to its end, not to the first `~`)
// (an S3 URL's credential, its access key ID first, is read too: see exampleCredentialEnd)
const SIGNED_URL_PARAM = new RegExp(
  `(?:\\?|${QUERY_AMPERSAND})(?:(x-amz-signature|x-goog-signature|signature|sig)=([A-Za-z0-9%/+=_.~-]{16,1024})|x-amz-credential=([A-Z0-9]{16,128}))`,
  'gi',
);

/** What ends a URL in text: whitespace, a quote, an angle bracket. */
const URL_ENDS = ' \t\r\n"\'`<>';

export const signedUrlDetector: Detector = {
  id: 'signed-url',
  title: 'Signature of a pre-signed or SAS URL',
  // every finding holds one of these: the parameter's name and its '='
  keywords: ['sig=', 'signature='],
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    const urlEnds = new ForwardSearch(value, URL_ENDS);
    // where the URL ends whose credential is a documented example key (AWS's `AKIAIOSFODNN7EXAMPLE`): its
    // signature was made with the docs' example secret, an example too (red team 100); -1 while there is none
    let exampleCredentialEnd = -1;
    for (const m of scanAll(SIGNED_URL_PARAM, value)) {
      const accessKeyId = m[3];
      if (accessKeyId !== undefined) {
        exampleCredentialEnd = isPlaceholder(accessKeyId) ? urlEnds.next(m.index + m[0].length) : -1;
        continue;
      }
      const signature = m[2]!;
      if (isPlaceholder(signature) || m.index < exampleCredentialEnd) continue;
      const start = m.index + m[0].length - signature.length;
      out.push({ detectorId: 'signed-url', start, end: start + signature.length, description: `${m[1]!.toLowerCase()} of a signed URL` });
    }
    return out;
  },
};
