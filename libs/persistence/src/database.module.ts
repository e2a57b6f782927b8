import type {
  DynamicModule,
  InjectionToken,
  ModuleMetadata,
  OptionalFactoryDependency,
} from '@nestjs/common';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { createDataSource } from './data-source';
import { DatabaseReadinessModule } from './database-readiness.module';
import { typeOrmOptions, type PersistenceOptions } from './typeorm-options';

export interface DatabaseModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...deps: never[]) => PersistenceOptions | Promise<PersistenceOptions>;
}

/**
 * The service's TypeORM connection to its own schema: the schema is created and the migrations run before the
 * app starts (`createDataSource`), and `/health/ready` follows the database.
 */
@Module({})
export class DatabaseModule {
  static forRootAsync(options: DatabaseModuleAsyncOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: options.imports,
          inject: options.inject,
          useFactory: async (...deps: unknown[]) =>
            typeOrmOptions(await options.useFactory(...(deps as never[]))),
          dataSourceFactory: (dataSourceOptions?: DataSourceOptions) => {
            if (!dataSourceOptions) {
              throw new Error('TypeORM options are missing');
            }
            return createDataSource(dataSourceOptions);
          },
        }),
        DatabaseReadinessModule,
      ],
    };
  }
}
