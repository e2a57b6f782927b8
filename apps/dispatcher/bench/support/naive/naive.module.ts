import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NaiveMentionHandler } from './naive-mention.handler';
import { NAIVE_SETTINGS, type NaiveSettings } from './naive-settings';

@Module({})
export class NaiveModule {
  static forRoot(settings: NaiveSettings): DynamicModule {
    return {
      module: NaiveModule,
      providers: [{ provide: NAIVE_SETTINGS, useValue: settings }, NaiveMentionHandler],
    };
  }
}

/** Boots the naive service as a standalone Nest application; it starts consuming at once. */
export async function startNaiveService(settings: NaiveSettings): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(NaiveModule.forRoot(settings), { logger: false });
}
