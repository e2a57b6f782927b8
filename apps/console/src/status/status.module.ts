import { Module } from '@nestjs/common';
import { StatusSampler } from './status-sampler.service';
import { StatusController } from './status.controller';

@Module({ controllers: [StatusController], providers: [StatusSampler] })
export class StatusModule {}
