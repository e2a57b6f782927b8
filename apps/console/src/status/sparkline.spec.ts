import { sparkline } from './sparkline';

describe('sparkline', () => {
  it('plots values from 0 (bottom) to their maximum (top), left to right', () => {
    expect(sparkline([0, 5, 10], 'rate')).toContain('points="3,45 120,24 237,3"');
  });

  it('is an image labelled for screen readers, the label escaped', () => {
    expect(sparkline([1], 'lag <5> & "x"')).toContain(
      'role="img" aria-label="lag &lt;5> &amp; &quot;x&quot;"',
    );
  });

  it('draws an empty frame without samples and a flat line for all zeros', () => {
    expect(sparkline([], 'none')).not.toContain('polyline');
    expect(sparkline([0, 0], 'zeros')).toContain('points="3,45 237,45"');
    expect(sparkline([2], 'one')).toContain('points="3,3 237,3"');
  });
});
