// The value axis of the finance chart: a round maximum and round steps, in yuan for small
// villages and in 万元 (10,000 yuan) once the largest month reaches 10,000 yuan.

export type ChartUnit = 'yuan' | 'wanYuan';

export interface ChartScale {
  unit: ChartUnit;
  // Fen per axis unit: 100 for yuan, 1,000,000 for 万元.
  unitFen: number;
  // Axis maximum in fen; every bar fits under it.
  maxFen: number;
  // Tick values in axis units, from 0 to the maximum.
  ticks: number[];
}

const WAN_YUAN_FEN = 1_000_000;

/** Returns a round step of about a quarter of the value: 1, 2 or 5 times a power of ten. */
function roundStep(value: number): number {
  const rough = value / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  for (const factor of [1, 2, 5]) {
    if (fraction <= factor) return factor * power;
  }
  return 10 * power;
}

/** Computes the axis for bars up to largestFen; an all-zero year gets an axis of 0 to 1 yuan. */
export function chartScale(largestFen: number): ChartScale {
  const unit: ChartUnit = largestFen >= WAN_YUAN_FEN ? 'wanYuan' : 'yuan';
  const unitFen = unit === 'wanYuan' ? WAN_YUAN_FEN : 100;
  const largest = Math.max(largestFen / unitFen, 1);

  const step = roundStep(largest);
  const top = Math.ceil(largest / step) * step;
  const ticks: number[] = [];
  // Counting steps instead of adding them keeps decimal steps like 0.2 exact.
  for (let index = 0; index * step <= top + step / 1000; index += 1) ticks.push(Number((index * step).toPrecision(12)));

  return { unit, unitFen, maxFen: Math.round(top * unitFen), ticks };
}
