import { Global, Module } from '@nestjs/common';
import { ViewRenderer } from './view-renderer';

@Global()
@Module({ providers: [ViewRenderer], exports: [ViewRenderer] })
export class ViewsModule {}
