import { DynamicModule, Module } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { loadConfig, type Environment } from './load-config';

export interface ConfigModuleOptions {
  /** Variables to read instead of `process.env` (tests). */
  env?: Environment;
}

/** Provides the validated configuration, injectable by its class, to the whole application. */
@Module({})
export class ConfigModule {
  static forRoot<T extends object>(
    configClass: ClassConstructor<T>,
    options: ConfigModuleOptions = {},
  ): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        { provide: configClass, useFactory: () => loadConfig(configClass, options.env ?? process.env) },
      ],
      exports: [configClass],
    };
  }
}
