import { maxOf, parsePrometheusText, sumOf } from './prometheus-text';

const EXPOSITION = `
# HELP dispatcher_emails_total Emails by send outcome
# TYPE dispatcher_emails_total counter
dispatcher_emails_total{outcome="sent",code=""} 40
dispatcher_emails_total{outcome="permanent",code="MessageRejected"} 2
dispatcher_emails_total{outcome="sent",code="x"} 2
messaging_relay_lag_seconds 0.5
messaging_relay_lag_seconds{topic="a"} 3
weird_label{path="a\\"b"} 1
not a sample
nan_value NaN
`;

describe('Prometheus text', () => {
  const samples = parsePrometheusText(EXPOSITION);

  it('reads samples with their labels, unescaping quotes', () => {
    expect(samples).toContainEqual({
      name: 'dispatcher_emails_total',
      labels: { outcome: 'permanent', code: 'MessageRejected' },
      value: 2,
    });
    expect(samples).toContainEqual({ name: 'weird_label', labels: { path: 'a"b' }, value: 1 });
  });

  it('skips comments and lines that are no sample', () => {
    expect(samples.map((sample) => sample.name)).not.toContain('not');
    expect(samples.map((sample) => sample.name)).not.toContain('nan_value');
  });

  it.each([
    ['every sample of a metric', 'dispatcher_emails_total', {}, 44],
    ['the samples matching labels', 'dispatcher_emails_total', { outcome: 'sent' }, 42],
    ['0 for a metric the service lacks', 'dispatcher_email_bounces_total', {}, 0],
  ])('sums %s', (_case, name, where, total) => {
    expect(sumOf(samples, name, where)).toBe(total);
  });

  it('takes the largest value, or undefined when absent', () => {
    expect(maxOf(samples, 'messaging_relay_lag_seconds')).toBe(3);
    expect(maxOf(samples, 'absent_metric')).toBeUndefined();
  });
});
