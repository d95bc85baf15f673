// New COFORs for companies the desk references: 6 letters or digits, never one already given.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no I, O, 0, 1: read out on the phone

export function generateCofor(taken: (cofor: string) => boolean, random: () => number = Math.random): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    let cofor = '';
    for (let i = 0; i < 6; i++) cofor += ALPHABET[Math.floor(random() * ALPHABET.length)];
    if (!taken(cofor)) return cofor;
  }
  throw new Error('No free COFOR found: the random source repeats itself.');
}
