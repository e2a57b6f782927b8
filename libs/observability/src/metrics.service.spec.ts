import { Registry } from 'prom-client';
import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  let registry: Registry;
  let metrics: MetricsService;

  beforeEach(() => {
    registry = new Registry();
    registry.setDefaultLabels({ service: 'dispatcher' });
    metrics = new MetricsService(registry);
  });

  it('returns the same counter for the same name and renders it with labels', async () => {
    metrics
      .counter('emails_sent_total', 'Emails accepted by SES', ['category'])
      .inc({ category: 'mentions' });
    metrics
      .counter('emails_sent_total', 'Emails accepted by SES', ['category'])
      .inc({ category: 'mentions' }, 2);

    await expect(metrics.render()).resolves.toContain(
      'emails_sent_total{category="mentions",service="dispatcher"} 3',
    );
  });

  it('records histograms', async () => {
    metrics.histogram('handler_seconds', 'Handler latency', ['type'], [0.1, 1]).observe({ type: 'x' }, 0.5);

    const text = await metrics.render();

    expect(text).toContain('handler_seconds_bucket{le="0.1",service="dispatcher",type="x"} 0');
    expect(text).toContain('handler_seconds_bucket{le="1",service="dispatcher",type="x"} 1');
  });

  it('refuses a name already used by another metric type', () => {
    metrics.gauge('lag', 'Consumer lag');

    expect(() => metrics.counter('lag', 'Consumer lag')).toThrow('already registered with another type');
  });

  it('keeps registries apart', async () => {
    const other = new MetricsService(new Registry());
    other.counter('only_here_total', 'x').inc();

    await expect(other.render()).resolves.toContain('only_here_total 1');
    await expect(metrics.render()).resolves.not.toContain('only_here_total');
  });
});
