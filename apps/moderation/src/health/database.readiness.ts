import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@notify/observability';
import { DataSource } from 'typeorm';

/** `/health/ready` fails while the service's database does not answer. */
@Injectable()
export class DatabaseReadiness implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}
