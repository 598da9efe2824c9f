// The pictures of demo documents, drawn on a Canvas: a bar chart of income against expenditure,
// the red round mark of an issuing office and a site photo of a project. Pictures carry no text
// because the generator has no font, so the Markdown around them describes them.
import type { Random } from '../prng.js';
import { Canvas } from './png.js';
import type { Rgb } from './png.js';

const WHITE: Rgb = [255, 255, 255];
const GRID: Rgb = [220, 220, 220];
const AXIS: Rgb = [90, 90, 90];
const INCOME: Rgb = [46, 125, 50];
const EXPENDITURE: Rgb = [198, 40, 40];
const SEAL_RED: Rgb = [210, 30, 30];

/**
 * Draws paired bars, income in green and expenditure in red, one pair per period, scaled to the
 * largest value. Values may be in any one unit, because only their ratios matter.
 */
export function drawIncomeExpenditureChart(pairs: readonly (readonly [number, number])[]): Buffer {
  const width = 360;
  const height = 200;
  const canvas = new Canvas(width, height, WHITE);
  const left = 24;
  const bottom = height - 20;
  const top = 16;

  for (let line = 0; line <= 4; line += 1) {
    canvas.fillRect(left, top + Math.round(((bottom - top) * line) / 4), width - left - 8, 1, GRID);
  }
  canvas.fillRect(left, top, 2, bottom - top, AXIS);
  canvas.fillRect(left, bottom, width - left - 8, 2, AXIS);

  const largest = Math.max(1, ...pairs.flat());
  const slot = (width - left - 16) / Math.max(1, pairs.length);
  const barWidth = Math.max(3, Math.floor(slot / 3));
  for (const [index, [income, expenditure]] of pairs.entries()) {
    const x = Math.round(left + 6 + index * slot);
    const incomeHeight = Math.round(((bottom - top) * income) / largest);
    const expenditureHeight = Math.round(((bottom - top) * expenditure) / largest);
    canvas.fillRect(x, bottom - incomeHeight, barWidth, incomeHeight, INCOME);
    canvas.fillRect(x + barWidth + 1, bottom - expenditureHeight, barWidth, expenditureHeight, EXPENDITURE);
  }
  return canvas.toPng();
}

/** Draws a red ring with a five-pointed star, the shape of an office's round mark. */
export function drawOfficeMark(): Buffer {
  const size = 120;
  const canvas = new Canvas(size, size, WHITE);
  const centre = size / 2;
  canvas.fillRing(centre, centre, 56, 50, SEAL_RED);

  const star: [number, number][] = [];
  for (let point = 0; point < 10; point += 1) {
    const radius = point % 2 === 0 ? 22 : 9;
    const angle = -Math.PI / 2 + (point * Math.PI) / 5;
    star.push([centre + radius * Math.cos(angle), centre - 6 + radius * Math.sin(angle)]);
  }
  canvas.fillPolygon(star, SEAL_RED);
  canvas.fillRect(centre - 26, centre + 26, 52, 4, SEAL_RED);
  return canvas.toPng();
}

/**
 * Draws a simple site scene: sky, hills, a road or a building depending on the project, and a
 * share of the work done shown as a finished part of the structure.
 */
export function drawSitePhoto(random: Random, kind: 'road' | 'building', progressPercent: number): Buffer {
  const width = 240;
  const height = 160;
  const sky: Rgb = [150 + random.int(0, 40), 190 + random.int(0, 30), 235];
  const canvas = new Canvas(width, height, sky);

  const hill: Rgb = [70 + random.int(0, 30), 130 + random.int(0, 30), 70];
  const peak = random.int(20, 200);
  canvas.fillPolygon(
    [
      [0, 90],
      [peak, 40 + random.int(0, 20)],
      [width, 85],
      [width, 100],
      [0, 100],
    ],
    hill,
  );
  canvas.fillRect(0, 100, width, height - 100, [150, 120, 80]);

  if (kind === 'road') {
    const finished = Math.round((width * progressPercent) / 100);
    canvas.fillPolygon(
      [
        [100, 100],
        [140, 100],
        [220, height],
        [20, height],
      ],
      [120, 100, 70],
    );
    // The hardened part of the road, from the near end, grows with the work done.
    const finishedTop = height - Math.round(((height - 100) * Math.min(finished, width)) / width);
    canvas.fillPolygon(
      [
        [100 - ((finishedTop - 100) * 80) / 60, finishedTop],
        [140 + ((finishedTop - 100) * 80) / 60, finishedTop],
        [220, height],
        [20, height],
      ],
      [185, 185, 180],
    );
  } else {
    const storeys = Math.max(1, Math.round((3 * progressPercent) / 100));
    for (let storey = 0; storey < storeys; storey += 1) {
      canvas.fillRect(70, 120 - storey * 22, 100, 22, [225, 220, 205]);
      for (let window = 0; window < 4; window += 1) {
        canvas.fillRect(80 + window * 22, 126 - storey * 22, 10, 10, [80, 110, 140]);
      }
    }
  }
  return canvas.toPng();
}
