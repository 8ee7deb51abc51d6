/** Signatures in pre-signed URLs (S3, GCS, Azure SAS, CloudFront): whoever has the URL has access. */
import type { Detector, DetectorMatch } from '../types.js';
import { QUERY_AMPERSAND } from './formats/define.js';
import { isPlaceholder } from './placeholders.js';
import { scanAll } from './work.js';

// (CloudFront writes its signature in base64 with `-`, `_` and `~` for `+`, `=` and `/`: read to its end, not to the first `~`)
const SIGNATURE_PARAM = new RegExp(`(?:\\?|${QUERY_AMPERSAND})(x-amz-signature|x-goog-signature|signature|sig)=([A-Za-z0-9%/+=_.~-]{16,1024})`, 'gi');

export const signedUrlDetector: Detector = {
  id: 'signed-url',
  title: 'Signature of a pre-signed or SAS URL',
  // every match holds one of these: the parameter's name and its '='
  keywords: ['sig=', 'signature='],
  detect(value): DetectorMatch[] {
    const out: DetectorMatch[] = [];
    for (const m of scanAll(SIGNATURE_PARAM, value)) {
      const signature = m[2]!;
      if (isPlaceholder(signature)) continue;
      const start = m.index + m[0].length - signature.length;
      out.push({ detectorId: 'signed-url', start, end: start + signature.length, description: `${m[1]!.toLowerCase()} of a signed URL` });
    }
    return out;
  },
};
