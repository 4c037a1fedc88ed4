// Percentiles and a printer for benchmark figures.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1], mean };
}

export function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

export function row(label: string, value: string, target?: string): void {
  console.log(`  ${label.padEnd(46)} ${value.padStart(14)}${target ? `   (target ${target})` : ''}`);
}
