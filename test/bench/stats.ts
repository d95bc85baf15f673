export function percentile(sortedNs: number[], p: number): number {
  const index = Math.min(sortedNs.length - 1, Math.ceil((p / 100) * sortedNs.length) - 1);
  return sortedNs[Math.max(0, index)]!;
}

/** Per-call latencies (ns) of two functions, measured in alternating blocks so that both see
 * the same machine noise (these machines are shared). */
export function interleaved(
  a: (i: number) => unknown,
  b: (i: number) => unknown,
  calls: number,
  block = 500,
): { a: number[]; b: number[] } {
  const times = { a: [] as number[], b: [] as number[] };
  for (let start = 0; start < calls; start += block) {
    for (const [name, fn] of [
      ['a', a],
      ['b', b],
    ] as const) {
      for (let i = start; i < start + block; i++) {
        const t0 = process.hrtime.bigint();
        fn(i);
        times[name].push(Number(process.hrtime.bigint() - t0));
      }
    }
  }
  times.a.sort((x, y) => x - y);
  times.b.sort((x, y) => x - y);
  return times;
}

export const us = (ns: number): string => (ns / 1000).toFixed(1);
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
