import { EventTypes } from '@notify/contracts';
import { cloudEventFactory, communityFactory } from '@notify/testing';
import path from 'node:path';
import { UnsubscribeLinks } from '../src/sending/unsubscribe-links';
import { EMAIL_SETTINGS, type EmailSettings } from '../src/email/email-settings';
import { toSendEmailInput } from '../src/email/ses-message';
import { EmailRenderer } from '../src/templates/email-renderer.service';
import { SAMPLE_MODELS } from '../src/templates/sample-models';
import { TEMPLATE_SETTINGS, type TemplateSettings } from '../src/templates/template-settings';
import { startDispatcher, type DispatcherTestApp } from '../test/support/dispatcher-test-app';
import { measureBareSes } from './support/bare-ses';
import { formatReport, ratiosOf, saveResults, type BenchResults } from './support/bench-report';
import { BENCH_DISPATCHER_ENV, BENCH_SIZES, REQUIRED_RATIOS } from './support/bench-settings';
import { measureFanOut } from './support/fan-out';
import { measureNaive } from './support/naive-baseline';
import { burst, loadProfiles, mentionsOf, paced } from './support/pipeline-load';
import { RssSampler } from './support/rss-sampler';

// One run, one machine: the pipeline against the bare SES client and a naive handler measured minutes apart.
describe('dispatcher benchmark', () => {
  let dispatcher: DispatcherTestApp;

  afterAll(async () => {
    await dispatcher?.close();
  });

  it('measures the pipeline against the bare SES client and a naive handler', async () => {
    const rssBeforeBootMiB = process.memoryUsage.rss() / (1024 * 1024);
    dispatcher = await startDispatcher('bench', BENCH_DISPATCHER_ENV);
    const email = dispatcher.app.get<EmailSettings>(EMAIL_SETTINGS);
    const templates = dispatcher.app.get<TemplateSettings>(TEMPLATE_SETTINGS);
    const community = communityFactory.build({ visibility: 'open' });
    await dispatcher.publishAndWait(cloudEventFactory.build(EventTypes.CommunityCreated, community));
    const profiles = await loadProfiles(dispatcher, BENCH_SIZES.profiles);
    const mentions = (count: number, offset: number) =>
      mentionsOf(profiles, count, offset, community.communityId);

    const sample = dispatcher.app
      .get(EmailRenderer)
      .render('activity.mention', 'en', SAMPLE_MODELS['activity.mention']);
    const unsubscribe = dispatcher.app.get(UnsubscribeLinks).forCategory('bench-user', 'mentions') ?? '';
    const sampleInput = toSendEmailInput(
      { to: 'bench@example.org', ...sample, notificationId: 'bench', unsubscribe: { url: unsubscribe } },
      email,
    );
    await measureBareSes(email, sampleInput, BENCH_SIZES.warmUp);
    const bareSes = await measureBareSes(email, sampleInput, BENCH_SIZES.bareEmails);

    const naive = await measureNaive(
      {
        prefix: dispatcher.config.KAFKA_TOPIC_PREFIX,
        partitions: dispatcher.config.KAFKA_INGRESS_PARTITIONS,
        profiles,
        communityId: community.communityId,
        email,
        templates,
      },
      BENCH_SIZES.naiveEvents,
      BENCH_SIZES.warmUp,
    );

    await burst(dispatcher, mentions(BENCH_SIZES.warmUp, 0));
    const rss = new RssSampler();
    const pipeline = await burst(dispatcher, mentions(BENCH_SIZES.pipelineEvents, BENCH_SIZES.warmUp));
    const latency = await paced(dispatcher, mentions, BENCH_SIZES.pacedRate, BENCH_SIZES.pacedSeconds);
    const fanOutMs = await measureFanOut(dispatcher, BENCH_SIZES.fanOutMembers);

    const results: BenchResults = {
      sesConcurrency: email.maxConcurrency,
      bareSes,
      naive,
      pipeline,
      paced: { ...latency, rate: BENCH_SIZES.pacedRate, seconds: BENCH_SIZES.pacedSeconds },
      fanOut: { members: BENCH_SIZES.fanOutMembers, ms: fanOutMs },
      memory: { beforeBootMiB: rssBeforeBootMiB, peakMiB: rss.stop() },
    };
    const saved = await saveResults(results, path.join(__dirname, '../../../tmp/bench'));
    process.stdout.write(`\n${formatReport(results)}\n\nsaved to ${saved}\n`);

    const ratios = ratiosOf(results);
    expect(latency.count).toBe(BENCH_SIZES.pacedRate * BENCH_SIZES.pacedSeconds);
    expect(ratios.pipelineToBare).toBeGreaterThanOrEqual(REQUIRED_RATIOS.pipelineToBare);
    expect(ratios.pipelineToNaive).toBeGreaterThanOrEqual(REQUIRED_RATIOS.pipelineToNaive);
  });
});
