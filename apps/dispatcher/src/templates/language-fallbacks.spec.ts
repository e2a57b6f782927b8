import { Logger } from '@nestjs/common';
import { MetricsService } from '@notify/observability';
import { Registry } from 'prom-client';
import { TEMPLATE_TEST_SETTINGS } from '../testing/fixtures';
import { EmailRenderer } from './email-renderer.service';
import { SAMPLE_MODELS } from './sample-models';

describe('language fallbacks', () => {
  let registry: Registry;
  let renderer: EmailRenderer;
  let log: jest.SpyInstance;

  beforeEach(() => {
    registry = new Registry();
    renderer = new EmailRenderer(TEMPLATE_TEST_SETTINGS, new MetricsService(registry));
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => log.mockRestore());

  const fallbacks = async (): Promise<Record<string, number>> => {
    const metric = await registry.getSingleMetric('dispatcher_language_fallbacks_total')?.get();
    return Object.fromEntries(
      (metric?.values ?? []).map((value) => [`${value.labels.reason}/${value.labels.template}`, value.value]),
    );
  };

  it('renders a supported language, regional tag or not, without counting a fallback', async () => {
    for (const tag of ['pt-BR', 'de-AT', 'ga-IE', 'el']) {
      const email = renderer.render('activity.mention', tag, SAMPLE_MODELS['activity.mention']);
      expect(email.language).toBe(tag.slice(0, 2));
    }

    await expect(fallbacks()).resolves.toEqual({});
    expect(log).not.toHaveBeenCalled();
  });

  it('writes English for an unsupported or missing language, and logs and counts each fallback', async () => {
    const unsupported = renderer.render('activity.mention', 'ja-JP', SAMPLE_MODELS['activity.mention']);
    renderer.render('activity.mention', 'nb', SAMPLE_MODELS['activity.mention']);
    const missing = renderer.render('digest', '', SAMPLE_MODELS.digest);

    expect(unsupported.language).toBe('en');
    expect(unsupported.text).toContain('Hello Marc Dubois,');
    expect(missing.language).toBe('en');
    await expect(fallbacks()).resolves.toEqual({
      'unsupported/activity.mention': 2,
      'missing/digest': 1,
    });
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({
        msg: 'email language fell back',
        template: 'activity.mention',
        requested: '"ja-JP"',
        reason: 'unsupported',
        language: 'en',
      }),
    );
  });
});
