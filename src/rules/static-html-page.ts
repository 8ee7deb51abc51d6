import { createRule } from './create-rule.js';

export default createRule({
  id: 'static-html-page',
  title: 'Secret in the published docs page',
  description: 'Tokens and credentials written into static_index.html around the embedded manifest and catalog: analytics snippets, meta tags, comments, links, inline scripts.',
  severity: 'error',
  scope: 'page',
  selectors: [],
  // keyword and assignment detectors read the page's markup and small inline scripts; dbt's own
  // script bundle (and any inline script of 64 KiB or more, and styles) only the high-confidence token formats
  detectors: ['@tokens', 'url-password', 'signed-url', 'http-auth-header', 'password-assignment', 'secret-key-name', 'code-secret-argument', 'dbt-secret-placeholder'],
  securitySeverity: 8.0,
  precision: 'high',
  remediation: `\`dbt docs generate --static\` writes target/static_index.html: dbt's docs page with the manifest and catalog
inlined. dbt writes nothing else secret into it, so a secret in the rest of the page was added after dbt, by
whatever publishes the docs: a template or a post-processing step that injects an analytics or tag-manager
snippet with its key into \`<head>\`, a \`<meta>\` tag, a \`<script>\` that sets a token for the page
(\`window.DBT_TOKEN = …\`), a \`<link>\` or \`<script src>\` with credentials in its URL, or an HTML comment. Such
pages are published as they are (GitHub Pages, an S3 website, an internal portal), and everyone who can open
the docs can read the page's source.

**Fix:** remove the secret from the template or the post-processing step, and keep server-side credentials
out of the page entirely (a proxy or the hosting's own authentication instead of a token in the page). A key
that must reach the browser should be a public, restricted one (a browser key limited to the docs' domain, a
publishable or public token). Then rotate the credential: the published page, its copies and its history in
the Pages branch or bucket still hold it.`,
});
