const WIDTH = 240;
const HEIGHT = 48;
const PAD = 3;

/**
 * A small line chart as inline SVG, drawn on the server: an image with a text label saying the latest value, so it
 * reads without scripts and without sight. Values are plotted from 0 to their maximum.
 */
export function sparkline(values: readonly number[], label: string): string {
  const escapedLabel = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const frame = `<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${HEIGHT - 1}" fill="#fff" stroke="#8a8a8a"/>`;
  if (values.length === 0) {
    return `<svg role="img" aria-label="${escapedLabel}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${frame}</svg>`;
  }
  // A single sample is drawn as a level line across the chart.
  const series = values.length === 1 ? [values[0], values[0]] : values;
  const top = Math.max(...series, 0) || 1;
  const step = (WIDTH - 2 * PAD) / (series.length - 1);
  const points = series
    .map((value, index) => {
      const x = PAD + index * step;
      const y = HEIGHT - PAD - (Math.max(value, 0) / top) * (HEIGHT - 2 * PAD);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
  return (
    `<svg role="img" aria-label="${escapedLabel}" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">` +
    `${frame}<polyline fill="none" stroke="#0b4f8a" stroke-width="2" points="${points}"/></svg>`
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
