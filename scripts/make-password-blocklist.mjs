// Writes resources/passwords/common-passwords.txt from the zxcvbn-ts frequency list (MIT
// licence), lower-cased: the 10,000 most common, plus every longer one (12 characters or more),
// since the length rule already refuses the short ones. Run again to refresh the shipped list.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { dictionary } = require('@zxcvbn-ts/language-common');
const all = [...new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))];
const list = [...new Set([...all.slice(0, 10_000), ...all.filter((p) => p.length >= 12)])];
const header = '# Most common passwords, most frequent first. Source: @zxcvbn-ts/language-common (MIT).\n';
writeFileSync('resources/passwords/common-passwords.txt', header + list.join('\n') + '\n');
console.log(`${list.length} passwords written`);
