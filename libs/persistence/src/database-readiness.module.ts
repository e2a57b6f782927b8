import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@notify/observability';
import { DataSource } from 'typeorm';

export const DATABASE_READINESS_CHECK = 'database';

/** Makes `/health/ready` fail while the service's database does not answer. */
@Injectable()
export class DatabaseReadiness implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(DATABASE_READINESS_CHECK, async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

/** Import next to `TypeOrmModule` and `ObservabilityModule`, whose `DataSource` and registry it uses. */
@Module({ providers: [DatabaseReadiness] })
export class DatabaseReadinessModule {}
