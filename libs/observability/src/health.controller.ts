import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '@notify/security';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability-options';
import { LivenessRegistry, ReadinessRegistry, type ReadinessReport } from './readiness.registry';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    private readonly readiness: ReadinessRegistry,
    private readonly liveness: LivenessRegistry,
  ) {}

  /** Liveness: the process serves HTTP and nothing it runs has failed beyond repair; 503 otherwise. */
  @Get()
  async live(): Promise<{ status: 'ok'; service: string }> {
    const report = await this.liveness.check();
    if (report.status !== 'ok') {
      throw new ServiceUnavailableException(report);
    }
    return { status: 'ok', service: this.options.service };
  }

  /** Readiness: every registered dependency answers; 503 otherwise. */
  @Get('ready')
  async ready(): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    if (report.status !== 'ok') {
      throw new ServiceUnavailableException(report);
    }
    return report;
  }
}
