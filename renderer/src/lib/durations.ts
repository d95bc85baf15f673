// A wait in the reader's words: "4 minutes 14 seconds", "1 second", "1 seconde". Intl knows each
// language's units and plurals; "254 seconds" asks the reader to do the sum.

const unit = (value: number, name: 'minute' | 'second', lang: string): string =>
  new Intl.NumberFormat(lang, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);

/** Whole seconds, rounded up (a wait shown shorter than it is would be refused again). */
export function formatWait(seconds: number, lang: string): string {
  const total = Math.max(1, Math.ceil(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  const parts = [
    ...(minutes > 0 ? [unit(minutes, 'minute', lang)] : []),
    ...(rest > 0 ? [unit(rest, 'second', lang)] : []),
  ];
  // The narrow unit list has no comma and no "and": "4 minutes 14 seconds".
  return new Intl.ListFormat(lang, { type: 'unit', style: 'narrow' }).format(parts);
}
