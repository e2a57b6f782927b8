import {
  DynamicModule,
  InjectionToken,
  Module,
  ModuleMetadata,
  OptionalFactoryDependency,
} from '@nestjs/common';
import { RateLimitCleanup } from './rate-limit-cleanup.service';
import { RateLimitCountersRepository } from './rate-limit-counters.repository';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit-options';
import { RateLimiter } from './rate-limiter.service';

export interface RateLimitModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...deps: never[]) => RateLimitOptions;
}

/** Per-user limits for routes marked `@RateLimit(action)`; needs the app's database connection. */
@Module({})
export class RateLimitModule {
  static forRootAsync(options: RateLimitModuleAsyncOptions): DynamicModule {
    return {
      module: RateLimitModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: RATE_LIMIT_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        RateLimitCountersRepository,
        RateLimiter,
        RateLimitGuard,
        RateLimitCleanup,
      ],
      exports: [RateLimiter, RateLimitGuard, RateLimitCleanup],
    };
  }
}
