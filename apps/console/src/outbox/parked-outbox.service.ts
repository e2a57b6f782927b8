import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { UPSTREAM_SERVICES, type UpstreamService } from '../config/console.config';
import type { ConsoleUser } from '../session/console-roles';
import { UpstreamClient, UpstreamError } from '../upstream/upstream.client';
import { parkedRowsOf, type ParkedOutboxState } from './parked-outbox';

/** Parked outbox rows of every service (`/ops/outbox/parked`, service-only), and their audited retry. */
@Injectable()
export class ParkedOutboxService {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly audit: AuditService,
  ) {}

  everyService(): Promise<ParkedOutboxState[]> {
    return Promise.all(UPSTREAM_SERVICES.map((service) => this.ofService(service)));
  }

  async ofService(service: UpstreamService): Promise<ParkedOutboxState> {
    try {
      const answer = await this.upstream.call<unknown>(service, { path: '/ops/outbox/parked' });
      return { service, state: 'listed', rows: parkedRowsOf(answer) };
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) {
        return { service, state: 'absent' };
      }
      return {
        service,
        state: 'unreachable',
        problem: error instanceof Error ? error.message : String(error),
      };
    }
  }

  async retry(actor: ConsoleUser, service: UpstreamService, id: string, reason: string): Promise<void> {
    const entry = {
      actor: actor.userId,
      action: 'outbox.retry',
      target: `${service}:${id}`,
      reason,
    } as const;
    try {
      await this.upstream.call(service, {
        method: 'POST',
        path: `/ops/outbox/parked/${encodeURIComponent(id)}/retry`,
      });
    } catch (error) {
      await this.audit.record({ ...entry, outcome: 'failed', detail: { error: String(error) } });
      throw error;
    }
    await this.audit.record({ ...entry, outcome: 'done' });
  }
}
