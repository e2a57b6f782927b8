import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { nextStep } from './fan-out-page';
import { MemberFanOutRepository, type MemberFanOutPlan } from './member-fan-out.repository';

interface JobRow {
  id: string;
  event_ref: string;
  community_id: string;
  plan: MemberFanOutPlan;
  after_user_id: string;
}

/** The fan-out jobs of large communities, each continued one page per transaction. */
@Injectable()
export class FanOutJobsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fanOut: MemberFanOutRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  /**
   * Plans the next page of the oldest pending job no other transaction holds (SKIP LOCKED, so replicas share the
   * jobs), and in the same transaction moves its cursor past the page or marks it done: a page and its cursor
   * commit together, so whoever continues the job after a crash resumes at the cursor. Sending lanes are woken
   * when the page commits. Returns false when no job was free.
   */
  planNextPage(pageSize: number): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const [job]: JobRow[] = await tx.query(
        `SELECT id, event_ref, community_id, plan, after_user_id FROM fan_out_jobs
          WHERE state = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!job) {
        return false;
      }
      const page = await this.fanOut.insertPage(
        { ...job.plan, eventRef: job.event_ref, communityId: job.community_id },
        job.after_user_id,
        pageSize,
        tx,
      );
      const step = nextStep(page, pageSize);
      await tx.query(
        `UPDATE fan_out_jobs SET after_user_id = $2, state = $3, pages = pages + 1, updated_at = now() WHERE id = $1`,
        [job.id, step.done ? job.after_user_id : step.after, step.done ? 'done' : 'pending'],
      );
      if (page.pending > 0) {
        await this.deliveries.wakeSenders(tx);
      }
      return true;
    });
  }

  /** Jobs not finished yet, for the metrics. */
  async pendingCount(): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) FROM fan_out_jobs WHERE state = 'pending'`,
    );
    return Number(row.count);
  }
}
