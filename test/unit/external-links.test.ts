import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../main/app/external-links';

describe('links that may open in the system browser', () => {
  it.each([
    'https://www.stellantis.com/',
    'https://www.stellantis.com/en/suppliers?x=1#top',
    'https://b2b.stellantis.com/guide',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file://server/share/payload.exe',
    'http://www.stellantis.com/',
    'https://www.stellantis.com.evil.example/',
    'https://evil.example/www.stellantis.com',
    'https://www.stellantis.com@evil.example/',
    'https://user:pass@www.stellantis.com/',
    'https://www.stellantis.com:8443/',
    'https://www.stel1antis.com/',
    'https://www.stellаntis.com/', // Cyrillic "а": an IDN homograph
    'https://xn--www-stellantis.com/',
    'https://wwwstellantis.com/',
    'ftp://www.stellantis.com/',
    'smb://www.stellantis.com/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox(1)',
    'about:blank',
    'app://portal/index.html',
    '//www.stellantis.com/',
    '',
    `https://www.stellantis.com/${'a'.repeat(3000)}`,
  ])('refuses %j', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
