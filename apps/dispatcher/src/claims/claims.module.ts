import { Module } from '@nestjs/common';
import { ClaimMetrics } from './claim-metrics';
import { ClaimsRepository } from './claims.repository';
import { ReplicaLease } from './replica-lease.service';

/** Replica leases, takeover of lost replicas' claims, and the metrics of both. */
@Module({
  providers: [ClaimsRepository, ClaimMetrics, ReplicaLease],
  exports: [ClaimMetrics, ReplicaLease],
})
export class ClaimsModule {}
